// Run by test/hardening/secrets.test.ts under Groovy 2.4: finds Groovy-side uses of bound credentials in Jenkinsfiles and vars (the
// "insecure interpolation" Jenkins warns about) and Jenkinsfile withCredentials bodies that do more than single-quoted sh or library steps.
import groovy.json.JsonOutput
import groovy.json.JsonSlurper
import org.codehaus.groovy.ast.CodeVisitorSupport
import org.codehaus.groovy.ast.expr.*
import org.codehaus.groovy.ast.stmt.BlockStatement
import org.codehaus.groovy.ast.stmt.ExpressionStatement
import org.codehaus.groovy.control.CompilationUnit
import org.codehaus.groovy.control.CompilerConfiguration
import org.codehaus.groovy.control.Phases

class Finder extends CodeVisitorSupport {
    Set bound = [] as Set
    List bodies = []
    List gstrings = []
    List envReads = []

    void visitMethodCallExpression(MethodCallExpression call) {
        if (call.methodAsString == 'withCredentials' && call.arguments instanceof ArgumentListExpression) {
            def args = call.arguments.expressions
            args.findAll { it instanceof ListExpression }.each { list ->
                list.expressions.findAll { it instanceof MethodCallExpression }.each { binding ->
                    binding.arguments.expressions.findAll { it instanceof MapExpression }.each { map ->
                        map.mapEntryExpressions.each { e ->
                            def key = String.valueOf(e.keyExpression.value)
                            if ((key == 'variable' || key.endsWith('Variable')) && e.valueExpression instanceof ConstantExpression) bound << String.valueOf(e.valueExpression.value)
                        }
                    }
                }
            }
            args.findAll { it instanceof ClosureExpression }.each { bodies << it.code }
        }
        super.visitMethodCallExpression(call)
    }

    void visitGStringExpression(GStringExpression e) {
        gstrings << [line: e.lineNumber, text: e.text]
        super.visitGStringExpression(e)
    }

    void visitPropertyExpression(PropertyExpression e) {
        if (e.objectExpression instanceof VariableExpression && e.objectExpression.name == 'env') envReads << [line: e.lineNumber, name: e.propertyAsString]
        super.visitPropertyExpression(e)
    }
}

/** What a statement inside withCredentials does wrong, or null: only sh 'literal' and pw* library steps are allowed. */
def bodyProblem(statement) {
    if (!(statement instanceof ExpressionStatement) || !(statement.expression instanceof MethodCallExpression)) return "a ${statement.class.simpleName} statement"
    def call = statement.expression
    def name = call.methodAsString
    def args = call.arguments instanceof ArgumentListExpression ? call.arguments.expressions : []
    if (name == 'sh') {
        if (args.size() == 1 && args[0] instanceof ConstantExpression && args[0].value instanceof String) return null
        return 'sh with something other than one single-quoted literal'
    }
    if (name?.startsWith('pw')) return null
    return "calls ${name}"
}

/**
 * `known`: variables bound elsewhere (a library step binds its registry credentials in pwInternal, from a list the
 * checker cannot read as constants), checked like those bound in the file. Class methods are visited as well as the
 * script's statements: a var's code lives in its methods.
 */
def check(String path, List known, boolean checkBodies) {
    def config = new CompilerConfiguration()
    config.sourceEncoding = 'UTF-8'
    def unit = new CompilationUnit(config)
    unit.addSource(path, new File(path).getText('UTF-8'))
    try {
        unit.compile(Phases.CONVERSION)
    } catch (Throwable t) {
        return [file: path, ok: false, problems: ["does not parse: ${t.message}".toString()], bound: [], bodies: 0]
    }
    def finder = new Finder()
    finder.bound.addAll(known)
    unit.AST.modules.each { module ->
        module.statementBlock.visit(finder)
        module.classes.each { c -> c.methods.each { m -> if (m.code != null && !m.code.is(module.statementBlock)) m.code.visit(finder) } }
    }
    def problems = []
    // A var's withCredentials wraps the step's own code (pwInternal.inNodeContainer's body): only a Jenkinsfile's bodies are held to the rule.
    if (checkBodies) finder.bodies.each { body ->
        def statements = body instanceof BlockStatement ? body.statements : [body]
        statements.each { s -> def p = bodyProblem(s); if (p) problems << "line ${s.lineNumber}: withCredentials body ${p}".toString() }
    }
    finder.gstrings.each { g ->
        if (finder.bound.any { g.text.contains(it) }) problems << "line ${g.line}: a GString interpolates a credential: ${g.text}".toString()
    }
    finder.envReads.each { r ->
        if (finder.bound.contains(r.name)) problems << "line ${r.line}: env.${r.name} reads a credential into Groovy".toString()
    }
    [file: path, ok: true, problems: problems, bound: finder.bound.toList().sort(), bodies: finder.bodies.size()]
}

def request = new JsonSlurper().parseText(new File(args[0]).getText('UTF-8'))
new File(args[1]).withWriter('UTF-8') { it << JsonOutput.toJson(request.files.collect { check(it, request.bound ?: [], request.checkBodies != false) }) }
