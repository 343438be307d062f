// Test harness run by test/support/groovy.ts under Groovy 2.4: parses Jenkinsfiles to CONVERSION and evaluates literals, many per JVM.
import groovy.json.JsonOutput
import groovy.json.JsonSlurper
import org.codehaus.groovy.ast.CodeVisitorSupport
import org.codehaus.groovy.ast.expr.ArgumentListExpression
import org.codehaus.groovy.ast.expr.ConstantExpression
import org.codehaus.groovy.ast.expr.DeclarationExpression
import org.codehaus.groovy.ast.expr.GStringExpression
import org.codehaus.groovy.ast.expr.MapExpression
import org.codehaus.groovy.ast.expr.MethodCallExpression
import org.codehaus.groovy.ast.expr.TupleExpression
import org.codehaus.groovy.ast.expr.VariableExpression
import org.codehaus.groovy.control.CompilationUnit
import org.codehaus.groovy.control.CompilerConfiguration
import org.codehaus.groovy.control.Phases

/** Collects what the tests check: every method call with its named arguments, every sh body, every string constant, every GString. */
class Collector extends CodeVisitorSupport {
    List calls = []
    List sh = []
    List strings = []
    int gstrings = 0
    /** Local variables (a closure held in one is called like a step: `probe()`). */
    Set locals = [] as Set

    void visitMethodCallExpression(MethodCallExpression call) {
        def keys = []
        def positional = []
        def args = call.arguments
        if (args instanceof TupleExpression) {
            args.expressions.each { e ->
                if (e instanceof MapExpression) {
                    e.mapEntryExpressions.each { me -> keys << (me.keyExpression instanceof ConstantExpression ? String.valueOf(me.keyExpression.value) : '?') }
                } else {
                    positional << e.class.simpleName
                }
            }
        }
        def name = call.methodAsString
        // Who is called: a step is called on the script itself (implicit this); `docker.image(…)` names its receiver.
        def receiver = call.implicitThis ? null : (call.objectExpression instanceof VariableExpression ? call.objectExpression.name : '?')
        calls << [name: name, keys: keys, positional: positional, line: call.lineNumber, implicitThis: call.implicitThis, receiver: receiver]
        if (name == 'sh' && args instanceof ArgumentListExpression && args.expressions.size() == 1) {
            def first = args.expressions[0]
            if (first instanceof ConstantExpression && first.value instanceof String) sh << first.value
            else sh << null
        }
        super.visitMethodCallExpression(call)
    }

    /** `@Library('…') _` is a declaration carrying the annotation: its member values are literals the tests check too. */
    void visitDeclarationExpression(DeclarationExpression e) {
        if (e.leftExpression instanceof VariableExpression) locals << e.leftExpression.name
        e.annotations.each { a ->
            calls << [name: a.classNode.name, keys: a.members.keySet() as List, positional: [], line: e.lineNumber]
            a.members.values().each { it.visit(this) }
        }
        super.visitDeclarationExpression(e)
    }

    void visitConstantExpression(ConstantExpression e) {
        if (e.value instanceof String) strings << e.value
    }

    void visitGStringExpression(GStringExpression e) {
        gstrings++
        super.visitGStringExpression(e)
    }
}

// CONVERSION parses and builds the AST without resolving classes, so `@Library('…') _` needs no stub:
// the annotation is kept unresolved (and its value collected), exactly as written.
def parseFile(String path, boolean withMethods = false) {
    def text = new File(path).getText('UTF-8')
    def config = new CompilerConfiguration()
    config.sourceEncoding = 'UTF-8'
    def unit = new CompilationUnit(config)
    unit.addSource(path, text)
    try {
        unit.compile(Phases.CONVERSION)
    } catch (Throwable t) {
        return [file: path, ok: false, error: t.message]
    }
    def collector = new Collector()
    unit.AST.modules.each { module ->
        module.statementBlock.visit(collector)
        module.classes.findAll { !it.script }.each { cls -> cls.methods.each { m -> m.code?.visit(collector) } }
        // A vars/ file's `def call(…)` and private functions are the script's own methods: visited on request.
        if (withMethods) module.methods.each { m -> m.code?.visit(collector) }
    }
    def defined = unit.AST.modules.collectMany { it.methods*.name }
    // Method parameters count as locals too (`Closure body`, called as body()).
    def locals = collector.locals + unit.AST.modules.collectMany { it.methods.collectMany { m -> m.parameters*.name } }
    [file: path, ok: true, calls: collector.calls, sh: collector.sh, strings: collector.strings, gstrings: collector.gstrings, defined: defined, locals: locals as List]
}

/** Evaluates literals in scripts of a few hundred each (a JVM method holds at most 64 KB of bytecode). */
def evaluate(List literals) {
    def shell = new GroovyShell()
    def values = []
    def ok = true
    literals.collate(200).each { batch ->
        def source = 'return [\n' + batch.join(',\n') + '\n]\n'
        try {
            values.addAll(shell.evaluate(source))
        } catch (Throwable batchError) {
            // One bad literal spoils the batch: evaluate one by one so the report names it.
            ok = false
            batch.each { lit ->
                try { values << shell.evaluate('return ' + lit) } catch (Throwable t) { values << [error: t.message] }
            }
        }
    }
    [ok: ok, values: values]
}

def request = new JsonSlurper().parseText(new File(args[0]).getText('UTF-8'))
def result
if (request.mode == 'parse') result = request.files.collect { parseFile(it, request.methods == true) }
else if (request.mode == 'eval') result = evaluate(request.literals)
else throw new IllegalArgumentException("unknown mode ${request.mode}")
new File(args[1]).withWriter('UTF-8') { it << JsonOutput.toJson(result) }
