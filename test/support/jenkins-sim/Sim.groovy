// A Jenkins declarative-pipeline simulator for tests: runs a Jenkinsfile with the real vars/ steps under Groovy 2.4,
// Jenkins' own steps stubbed and recorded (the JenkinsPipelineUnit approach). Usage: groovy Sim.groovy request.json result.json
import groovy.json.JsonOutput
import groovy.json.JsonSlurper
import org.codehaus.groovy.control.CompilerConfiguration

class StepFailure extends RuntimeException {
  StepFailure(String message) { super(message) }
}

class AbortedFailure extends RuntimeException {
  AbortedFailure(String message) { super(message) }
}

/**
 * A step that hangs until something interrupts it (an injected stall): the enclosing timeout turns it into an
 * ABORTED interruption, as TimeoutStepExecution does (jenkinsci/workflow-basic-steps-plugin,
 * src/main/java/org/jenkinsci/plugins/workflow/steps/TimeoutStepExecution.java: cancel(new ExceededTimeout()),
 * a FlowInterruptedException with Result.ABORTED).
 */
class Stall extends RuntimeException {
  Stall(String message) { super(message) }
}

class UnknownStep extends RuntimeException {
  UnknownStep(String message) { super(message) }
}

/** The base class of the Jenkinsfile and of every vars/ script: unknown calls and properties go to the runtime. */
abstract class SimScript extends Script {
  def pipeline(Closure body) { SimRuntime.current.pipeline(body) }
  def methodMissing(String name, Object args) { SimRuntime.current.step(name, args as Object[], this) }
  def propertyMissing(String name) { SimRuntime.current.property(name, this) }
}

/** Where `steps {}`, `post {}` and `script {}` blocks send their calls, on behalf of the script that wrote the block. */
class StepsDelegate {
  Script script
  def methodMissing(String name, Object args) { SimRuntime.current.step(name, args as Object[], script) }
  def propertyMissing(String name) { SimRuntime.current.property(name, script) }
}

/** `env`: build variables, layered under withEnv and withCredentials bindings. */
class EnvObject {
  Map base = [:]
  List<Map> layers = []
  def getProperty(String name) {
    if (name == 'base') return this.@base
    if (name == 'layers') return this.@layers
    return lookup(name)
  }
  void setProperty(String name, value) { this.@base[name] = value == null ? null : value.toString() }
  def lookup(String name) {
    for (int i = layers.size() - 1; i >= 0; i--) if (layers[i].containsKey(name)) return layers[i][name]
    return base[name]
  }
  Map snapshot() {
    Map all = new TreeMap(base)
    layers.each { all.putAll(it) }
    return all
  }
  def getAt(String name) { lookup(name) }
}

/** Docker Pipeline's `docker` global: `docker.image(name).inside { … }` is recorded as the step docker.image.inside. */
class DockerGlobal {
  def image(String name) { new DockerImage(name: name) }
}

class DockerImage {
  String name
  def inside(Closure body) { SimRuntime.current.step('docker.image.inside', [[image: name], body] as Object[]) }
  def inside(String args, Closure body) { SimRuntime.current.step('docker.image.inside', [[image: name, args: args], body] as Object[]) }
}

class CurrentBuild {
  String result = null
  int number = 1
  String displayName = '#1'
  String description = null
  String absoluteUrl = 'https://jenkins.example/job/app/1/'
  String currentResult = 'SUCCESS'
  String durationString = '1 min'
  long duration = 61000
  String fullDisplayName = 'app #1'
  List causes = []
  /** The build itself (RunWrapper.getRawBuild), which only trusted code may read: its actions, as Actionable.getAllActions lists them. */
  final RawBuild rawBuild = new RawBuild()
  /** RunWrapper.getBuildCauses(String): the causes of that class only (all of them without one). */
  def getBuildCauses(String type = null) { type ? causes.findAll { it._class == type } : causes }
  /** hudson.model.Result's order (jenkinsci/jenkins, core/src/main/java/hudson/model/Result.java): combine keeps the worse. */
  static final Map ORDER = ['SUCCESS': 0, 'UNSTABLE': 1, 'FAILURE': 2, 'NOT_BUILT': 3, 'ABORTED': 4]
  static String worse(String a, String b) { ORDER[a ?: 'SUCCESS'] >= ORDER[b ?: 'SUCCESS'] ? (a ?: 'SUCCESS') : (b ?: 'SUCCESS') }
  void setResult(String r) {
    // Jenkins never improves a result: FAILURE stays FAILURE.
    result = result == null ? r : worse(result, r)
    currentResult = result
  }
}

/** The WorkflowRun behind currentBuild.rawBuild: the actions Jenkins added to it (hudson.model.Actionable). */
class RawBuild {
  List actions = []
  List getAllActions() { actions.asImmutable() }
}

/** Records every call made inside a DSL section (agent, options, triggers, parameters), nested closures included. */
class RecordingDelegate {
  List calls = []
  /** An agent block is evaluated when its stage starts, so `env` and `params` there are the build's (see stageAgent). */
  boolean runtime = false
  def methodMissing(String name, Object args) {
    def list = (args as Object[]).toList()
    def closure = list.find { it instanceof Closure }
    def entry = [name: name, args: list.findAll { !(it instanceof Closure) }]
    if (closure) {
      def nested = new RecordingDelegate(runtime: runtime)
      def c = closure.rehydrate(nested, closure.owner, closure.thisObject)
      c.resolveStrategy = Closure.DELEGATE_FIRST
      c.call()
      entry.nested = nested.calls
    }
    calls << entry
    return entry
  }
  def propertyMissing(String name) { runtime && name in ['env', 'params'] ? SimRuntime.current.property(name) : name }
}

class WhenDef {
  List conditions = []
  boolean beforeAgent = false
  boolean beforeInput = false
  boolean beforeOptions = false
  void branch(String pattern) { conditions << [type: 'branch', pattern: pattern] }
  void branch(Map m) { conditions << [type: 'branch', pattern: m.pattern, comparator: m.comparator] }
  void expression(Closure c) { conditions << [type: 'expression', closure: c] }
  void environment(Map m) { conditions << [type: 'environment', name: m.name, value: m.value] }
  void changeRequest(Map m = [:]) { conditions << [type: 'changeRequest'] }
  void buildingTag() { conditions << [type: 'buildingTag'] }
  void tag(String pattern) { conditions << [type: 'tag', pattern: pattern] }
  void not(Closure c) { conditions << [type: 'not', inner: WhenDef.build(c).conditions] }
  void anyOf(Closure c) { conditions << [type: 'anyOf', inner: WhenDef.build(c).conditions] }
  void allOf(Closure c) { conditions << [type: 'allOf', inner: WhenDef.build(c).conditions] }
  void beforeAgent(boolean b) { beforeAgent = b }
  void beforeInput(boolean b) { beforeInput = b }
  void beforeOptions(boolean b) { beforeOptions = b }
  def methodMissing(String name, Object args) { throw new UnknownStep("unknown when condition: ${name}") }
  static WhenDef build(Closure c) {
    def w = new WhenDef()
    def cl = c.rehydrate(w, c.owner, c.thisObject)
    cl.resolveStrategy = Closure.DELEGATE_FIRST
    cl.call()
    return w
  }
}

class InputDef {
  String message
  String ok
  String submitter
  String submitterParameter
  String id
  List parameters = []
  void message(String s) { message = s }
  void ok(String s) { ok = s }
  void submitter(String s) { submitter = s }
  void submitterParameter(String s) { submitterParameter = s }
  void id(String s) { id = s }
  void parameters(Closure c) { def r = new RecordingDelegate(); def cl = c.rehydrate(r, c.owner, c.thisObject); cl.resolveStrategy = Closure.DELEGATE_FIRST; cl.call(); parameters = r.calls }
  def methodMissing(String name, Object args) { throw new UnknownStep("unknown input directive: ${name}") }
}

class EnvironmentDef {
  Map values = [:]
  def credentials(String id) { SimRuntime.current.credentialValue(id, null) }
  void setProperty(String name, value) { if (name == 'values') { values = value } else { values[name] = value?.toString() } }
  def propertyMissing(String name) { SimRuntime.current.property(name) }
}

class PostDef {
  Map blocks = [:]
  def methodMissing(String name, Object args) {
    def allowed = ['always', 'changed', 'fixed', 'regression', 'aborted', 'failure', 'success', 'unstable', 'unsuccessful', 'cleanup']
    if (!allowed.contains(name)) throw new UnknownStep("unknown post condition: ${name}")
    blocks[name] = (args as Object[])[0]
  }
}

class StageDef {
  String name
  def agent
  WhenDef when
  InputDef input
  Closure steps
  PostDef post
  List options = []
  Map environment = [:]
  List<StageDef> stages = []
  List<StageDef> parallel = []
  // Kept as a closure: Declarative evaluates a stage's agent block when the stage enters its agent (see stageAgent).
  void agent(x) { agent = x }
  def getAny() { 'any' }
  def getNone() { 'none' }
  void when(Closure c) { when = WhenDef.build(c) }
  void input(Closure c) { input = new InputDef(); def cl = c.rehydrate(input, c.owner, c.thisObject); cl.resolveStrategy = Closure.DELEGATE_FIRST; cl.call() }
  void steps(Closure c) { steps = c }
  void post(Closure c) { post = new PostDef(); def cl = c.rehydrate(post, c.owner, c.thisObject); cl.resolveStrategy = Closure.DELEGATE_FIRST; cl.call() }
  // A stage's options are evaluated when the pipeline block runs, before any stage: RuntimeASTTransformer.transformOptions
  // (pipeline-model-definition) passes each wrapper's arguments as written to the StageOptions constructor, built with
  // the rest of the model when the build starts, so `params` (the build's, fixed for the run) are readable there.
  void options(Closure c) { options = SimRuntime.recordAtRuntime(c) }
  void environment(Closure c) { def e = new EnvironmentDef(); def cl = c.rehydrate(e, c.owner, c.thisObject); cl.resolveStrategy = Closure.DELEGATE_FIRST; cl.call(); environment = e.values }
  void stages(Closure c) { stages = SimRuntime.stagesOf(c) }
  void parallel(Closure c) { parallel = SimRuntime.stagesOf(c) }
  void failFast(boolean b) {}
  def methodMissing(String n, Object args) { throw new UnknownStep("unknown stage directive: ${n}") }
}

class StagesDef {
  List<StageDef> stages = []
  void stage(String name, Closure c) {
    def s = new StageDef(name: name)
    def cl = c.rehydrate(s, c.owner, c.thisObject)
    cl.resolveStrategy = Closure.DELEGATE_FIRST
    cl.call()
    stages << s
  }
  def methodMissing(String n, Object args) { throw new UnknownStep("unknown directive in stages: ${n}") }
}

class PipelineDef {
  def agent
  List options = []
  List parameters = []
  List triggers = []
  Map environment = [:]
  List<StageDef> stages = []
  PostDef post
  def getAny() { 'any' }
  def getNone() { 'none' }
  void agent(x) { agent = x instanceof Closure ? SimRuntime.record(x) : x }
  void options(Closure c) { options = SimRuntime.record(c) }
  void parameters(Closure c) { parameters = SimRuntime.record(c); SimRuntime.current.applyParameters(parameters) }
  void triggers(Closure c) { triggers = SimRuntime.record(c) }
  void tools(Closure c) { SimRuntime.record(c) }
  void environment(Closure c) { def e = new EnvironmentDef(); def cl = c.rehydrate(e, c.owner, c.thisObject); cl.resolveStrategy = Closure.DELEGATE_FIRST; cl.call(); environment = e.values }
  void stages(Closure c) { stages = SimRuntime.stagesOf(c) }
  void post(Closure c) { post = new PostDef(); def cl = c.rehydrate(post, c.owner, c.thisObject); cl.resolveStrategy = Closure.DELEGATE_FIRST; cl.call() }
  def methodMissing(String n, Object args) { throw new UnknownStep("unknown pipeline directive: ${n}") }
}

class SimRuntime {
  static SimRuntime current

  /** Jenkins core and plugin steps the simulation knows; anything else that is not a vars/ step is an error. */
  static final Set<String> JENKINS_STEPS = ([
    'sh', 'echo', 'error', 'unstable', 'withEnv', 'withCredentials', 'timeout', 'retry', 'catchError', 'warnError', 'script',
    'dir', 'container', 'node', 'input', 'junit', 'archiveArtifacts', 'recordCoverage', 'recordIssues', 'mail', 'emailext',
    'checkout', 'cleanWs', 'deleteDir', 'stash', 'unstash', 'milestone', 'lock', 'withSonarQubeEnv', 'waitForQualityGate',
    'readJSON', 'writeJSON', 'readFile', 'writeFile', 'fileExists', 'libraryResource', 'isUnix', 'sleep', 'usernamePassword',
    'string', 'file', 'sshUserPrivateKey', 'aws', 'usernameColonPassword', 'timestamps', 'properties', 'build', 'waitUntil',
    'publishHTML', 'slackSend', 'tool', 'findFiles', 'readYaml', 'writeYaml', 'sha256', 'pwd',
    'podTemplate', 'disableConcurrentBuilds', 'docker.image.inside', 'merge',
  ] as Set)

  Map request
  EnvObject env = new EnvObject()
  Map params = [:]
  CurrentBuild currentBuild = new CurrentBuild()
  List calls = []
  List stageResults = []
  List errors = []
  String stage = null
  /** Each vars/ file compiled once per run, as the execution's class loader does; its instances are kept per calling script. */
  Map<String, Class> varsClasses = [:]
  /**
   * The scenarios of one JVM share the compiler and the classes compiled from the same source text (a var or a
   * Jenkinsfile): compiling is most of a scenario's cost, and a class holds no state of a run (instances do).
   */
  static GroovyShell SHARED_SHELL
  static final Map<String, Class> COMPILED = [:]
  Class compiled(String name, String text) {
    String key = name + '\n' + text
    if (!COMPILED.containsKey(key)) COMPILED[key] = shell.classLoader.parseClass(text, name)
    return COMPILED[key]
  }
  /** How many instances of each vars/ file the run created (reported, so a test can check the global-variable semantics). */
  Map<String, Integer> varsInstances = [:]
  /** The Jenkinsfile's script: the caller when a call comes from a block with no script of its own. */
  Script jenkinsfile
  Map files = [:]
  File workspace
  GroovyShell shell
  int depth = 0
  Map credentials = [:]
  /** Where commands run (the section "What runs where" below). */
  WhereRuntime where = new WhereRuntime(this)

  SimRuntime(Map request) {
    this.request = request
    current = this
    def cc = new CompilerConfiguration()
    cc.scriptBaseClass = SimScript.name
    // Pipeline scripts and libraries see @NonCPS without an import: workflow-cps' CpsGroovyShellFactory
    // (plugin/src/main/java/org/jenkinsci/plugins/workflow/cps/CpsGroovyShellFactory.java) star-imports its package.
    cc.addCompilationCustomizers(new org.codehaus.groovy.control.customizers.ImportCustomizer().addStarImports('com.cloudbees.groovy.cps'))
    shell = SHARED_SHELL ?: (SHARED_SHELL = new GroovyShell(this.class.classLoader, new Binding(), cc))
    workspace = request.workspace ? new File(request.workspace) : null
    restartFrom = request.restartFrom
    hudson.model.User.USERS = (request.users ?: [:]) as Map
    env.base.putAll([
      BRANCH_NAME: request.branch, BUILD_NUMBER: '42', BUILD_ID: '42', BUILD_URL: 'https://jenkins.example/job/app/42/',
      JOB_NAME: 'app/' + request.branch, JENKINS_URL: 'https://jenkins.example/', GIT_COMMIT: '0123456789abcdef0123456789abcdef01234567',
      WORKSPACE: request.workspace ?: '/workspace', RUN_DISPLAY_URL: 'https://jenkins.example/job/app/42/display/redirect',
    ])
    if (request.env) env.base.putAll(request.env)
    currentBuild.number = 42
    if (request.startedBy) currentBuild.causes = [[_class: 'hudson.model.Cause$UserIdCause', userId: request.startedBy, shortDescription: 'Started by user ' + request.startedBy]]
    else currentBuild.causes = [[_class: 'com.cloudbees.jenkins.GitHubPushCause', shortDescription: 'Started by GitHub push']]
    // Restart from Stage adds Declarative's RestartDeclarativePipelineCause (pipeline-model-definition, causes/RestartDeclarativePipelineCause.java).
    if (request.restartFrom) currentBuild.causes << [_class: 'org.jenkinsci.plugins.pipeline.modeldefinition.causes.RestartDeclarativePipelineCause', shortDescription: 'Restarted from build #41, stage ' + request.restartFrom]
    (request.stashes ?: [:]).each { k, v -> stashes[k] = v }
    // Restart from Stage copies every env value the original build set into the new one: pipeline-model-definition's
    // RestartFlowFactoryAction (actions/RestartFlowFactoryAction.java) runs each FlowCopier, and workflow-cps'
    // EnvActionImpl.Copier (EnvActionImpl.java) copies getOverriddenEnvironment().
    if (request.restartFrom && request.originalEnv) env.base.putAll(request.originalEnv as Map)
  }

  static List recordAtRuntime(Closure c) {
    def r = new RecordingDelegate(runtime: true)
    def cl = c.rehydrate(r, c.owner, c.thisObject)
    cl.resolveStrategy = Closure.DELEGATE_FIRST
    cl.call()
    return r.calls
  }

  static List record(Closure c) {
    def r = new RecordingDelegate()
    def cl = c.rehydrate(r, c.owner, c.thisObject)
    cl.resolveStrategy = Closure.DELEGATE_FIRST
    cl.call()
    return r.calls
  }

  static List<StageDef> stagesOf(Closure c) {
    def s = new StagesDef()
    def cl = c.rehydrate(s, c.owner, c.thisObject)
    cl.resolveStrategy = Closure.DELEGATE_FIRST
    cl.call()
    return s.stages
  }

  def property(String name, Script caller = null) {
    switch (name) {
      case 'env': return env
      case 'params': return params
      case 'currentBuild': return currentBuild
      case 'scm': return [$class: 'GitSCM']
      case 'docker': return new DockerGlobal()
      default:
        if (varsFile(name).exists()) return globalVariable(name, caller)
        throw new MissingPropertyException(name, SimRuntime)
    }
  }

  File varsFile(String name) { new File(request.varsDir as String, name + '.groovy') }

  /**
   * A vars/ file as Jenkins hands it out: the instance kept in the calling script's binding, else a new one stored there
   * (jenkinsci/pipeline-groovy-lib-plugin, src/main/java/org/jenkinsci/plugins/workflow/cps/global/UserDefinedGlobalVariable.java,
   * getValue: binding.hasVariable(name), else loadClass(name).newInstance() and binding.setVariable). The caller is the
   * script whose call or property lookup reached it (jenkinsci/workflow-cps-plugin, plugin/src/main/java/org/jenkinsci/plugins/
   * workflow/cps/CpsScript.java: invokeMethod and getProperty pass `this`). A new instance is a Script with a binding
   * of its own (Script's constructor), so a step's own uses of another var (pwInternal) get one instance per step per run.
   */
  Script globalVariable(String name, Script caller) {
    Binding binding = (caller ?: jenkinsfile).binding
    if (binding.hasVariable(name)) return binding.getVariable(name) as Script
    if (!varsClasses.containsKey(name)) varsClasses[name] = compiled(name, varsFile(name).getText('UTF-8'))
    Script instance = varsClasses[name].newInstance() as Script
    // env, params and currentBuild are global variables in Jenkins too; the simulator puts its own in each binding.
    instance.binding = new Binding([env: env, params: params, currentBuild: currentBuild])
    varsInstances[name] = (varsInstances[name] ?: 0) + 1
    binding.setVariable(name, instance)
    return instance
  }

  static Object plain(Object o) {
    if (o == null || o instanceof Number || o instanceof Boolean) return o
    if (o instanceof CharSequence) return o.toString()
    if (o instanceof Closure) return '<closure>'
    if (o instanceof Map) { def m = new LinkedHashMap(); o.each { k, v -> m[k.toString()] = plain(v) }; return m }
    if (o instanceof Collection || o instanceof Object[]) return o.collect { plain(it) }
    return o.toString()
  }

  def credentialValue(String id, String part) {
    def configured = (request.credentials ?: [:])[id]
    if (configured instanceof Map) return configured[part ?: 'secret'] ?: ('secret-' + id)
    return configured ?: ('secret-' + id + (part ? '-' + part : ''))
  }

  /** Throws when the request asks this call to fail (step name, and a regex over the call's arguments as JSON). */
  void maybeFail(String name, Map call) {
    for (f in (request.fail ?: [])) {
      if (f.step != name) continue
      if (f.stage && f.stage != stage) continue
      if (f.match && !(JsonOutput.toJson(call.args) =~ f.match)) continue
      call.failed = true
      if (f.stall) {
        call.stalled = true
        if (timeoutDepth == 0) throw new StepFailure("a stalled ${name} with no timeout around it would hang the build")
        throw new Stall("${name} stalled")
      }
      throw new StepFailure(f.message ?: "injected failure in ${name}")
    }
  }

  Object step(String name, Object[] args, Script caller = null) {
    if (varsFile(name).exists()) {
      def call = [step: name, stage: stage, args: plain(args.findAll { !(it instanceof Closure) }), library: true, depth: depth, at: elapsed()]
      calls << call
      maybeFail(name, call)
      depth++
      try {
        return globalVariable(name, caller).invokeMethod('call', args)
      } finally {
        depth--
      }
    }
    if (!JENKINS_STEPS.contains(name)) {
      def message = "unknown step: ${name}"
      errors << message
      throw new UnknownStep(message)
    }
    def call = [step: name, stage: stage, args: plain(args.findAll { !(it instanceof Closure) }), depth: depth, at: elapsed()]
    if (heldLocks) call.locks = heldLocks.clone()
    calls << call
    Closure body = args.find { it instanceof Closure } as Closure
    Map named = args.find { it instanceof Map } as Map ?: [:]
    maybeFail(name, call)
    switch (name) {
      case 'sh': return sh(args, call)
      case 'error': throw new StepFailure(args[0]?.toString())
      // UnstableStep sets the build result and adds a WarningAction to its node (workflow-basic-steps-plugin, UnstableStep.java).
      case 'unstable': currentBuild.setResult('UNSTABLE'); warnings++; return null
      case 'withEnv':
        Map layer = [:]
        (args[0] as List).each { String kv -> def i = kv.indexOf('='); layer[kv.substring(0, i)] = kv.substring(i + 1) }
        call.env = layer.keySet().toList()
        return withLayer(layer, body)
      case 'withCredentials':
        // sshUserPrivateKey and file write the secret beside the workspace (credentials-binding
        // AbstractOnDiskBinding.bindSingle: secretsDir(workspace)); without a node there is none. string and usernamePassword need none.
        def onDisk = (args[0] as List).find { it instanceof Map && it.type in ['sshUserPrivateKey', 'file'] }
        if (onDisk && where.here() == null) throw new StepFailure("withCredentials: the ${onDisk.type} binding of ${onDisk.credentialsId} needs a workspace; bind it inside a node")
        Map layer = [:]
        (args[0] as List).each { Map b -> bind(b, layer) }
        call.bound = layer.keySet().toList().sort()
        return withLayer(layer, body)
      case 'usernamePassword': case 'string': case 'file': case 'sshUserPrivateKey': case 'aws': case 'usernameColonPassword':
        return [type: name] + named
      // yamlMergeStrategy: merge() (kubernetes-plugin pod/yaml/Merge.java, @Symbol("merge")): a describable, built by its symbol.
      case 'merge': return [symbol: 'merge']
      case 'timeout': return withTimeout(args[0] instanceof Map ? named : [time: args[0]], body)
      case 'sleep':
        // SleepStep (jenkinsci/workflow-basic-steps-plugin, src/main/java/org/jenkinsci/plugins/workflow/steps/SleepStep.java):
        // `time` in `unit`, SECONDS unless given; the step just waits (no node is needed or held). Here the virtual clock moves.
        long ms = java.util.concurrent.TimeUnit.valueOf((named.unit ?: 'SECONDS') as String).toMillis((args[0] instanceof Map ? named.time : args[0]) as long)
        call.sleptMs = ms
        advance(ms)
        return null
      case 'lock': return withLock(args, body)
      case 'milestone': return null
      case 'container': return where.container(args[0] as String, body)
      case 'node': return where.node(args, body)
      case 'docker.image.inside': return where.dockerInside(named.image as String, body)
      case 'script': case 'dir': case 'withSonarQubeEnv': case 'timestamps':
        return runBody(body)
      case 'podTemplate':
        // The Kubernetes plugin names the pod's label POD_LABEL inside the block.
        return where.podTemplate(named, body)
      case 'checkout':
        // The Git plugin runs the git CLI where the step runs.
        where.requireWorkspace('checkout')
        where.requireTools('checkout', ['git'])
        return null
      case 'retry':
        int times = (args[0] instanceof Number) ? args[0] as int : (named.count ?: 1) as int
        for (int i = 1; ; i++) {
          try { return runBody(body) } catch (StepFailure e) { if (i >= times) throw e }
        }
      case 'catchError': case 'warnError':
        try { return runBody(body) } catch (StepFailure e) {
          def r = name == 'warnError' ? 'UNSTABLE' : (named.buildResult ?: 'FAILURE')
          if (r) currentBuild.setResult(r as String)
          if ((named.stageResult ?: r) == 'UNSTABLE') warnings++
          return null
        }
      case 'input':
        def response = (request.inputs ?: [:])[stage]
        if (response == 'abort') throw new AbortedFailure('input aborted')
        approved(response ?: DEFAULT_APPROVER)
        return response ?: DEFAULT_APPROVER
      case 'waitForQualityGate': return [status: request.qualityGate ?: 'OK']
      case 'isUnix': return true
      case 'libraryResource':
        def f = new File(request.resourcesDir as String, args[0] as String)
        if (!f.exists()) throw new StepFailure("libraryResource: no resource ${args[0]}")
        return f.getText('UTF-8')
      case 'writeFile':
        files[named.file] = named.text
        if (workspace) { def f = new File(workspace, named.file as String); f.parentFile.mkdirs(); f.setText(named.text as String, 'UTF-8') }
        call.args = [file: named.file, length: (named.text as String).length()]
        return null
      case 'readFile':
        String path = named.file ?: args[0]
        if (workspace && new File(workspace, path).exists()) return new File(workspace, path).getText('UTF-8')
        if (files.containsKey(path)) return files[path]
        if ((request.files ?: [:]).containsKey(path)) return request.files[path]
        throw new StepFailure("readFile: no file ${path}")
      case 'fileExists':
        String path = named.file ?: args[0]
        return (workspace && new File(workspace, path).exists()) || files.containsKey(path) || (request.files ?: [:]).containsKey(path)
      case 'readJSON':
        def parsed = named.text != null ? new JsonSlurper().parseText(named.text as String) : new JsonSlurper().parseText(step('readFile', [[file: named.file]] as Object[]) as String)
        return named.returnPojo == true ? parsed : jsonLib(parsed)
      case 'writeJSON':
        return step('writeFile', [[file: named.file, text: JsonOutput.toJson(named.json)]] as Object[])
      case 'pwd': return env.lookup('WORKSPACE')
      case 'stash':
        // stash/unstash: workflow-basic-steps' StashStep and UnstashStep over workflow-api's StashManager, whose unstash of a
        // missing name throws AbortException "No such saved stash" (a FAILURE, as StepFailure here). Files this run wrote
        // (or the request gave) under the includes pattern; a restarted build finds the original's: Declarative's
        // PreserveStashes option (pipeline-model-definition, options/impl/PreserveStashes.java) keeps them for restarts.
        where.requireWorkspace('stash')
        String pattern = named.includes ?: '**'
        Map saved = [:]
        (files + (request.files ?: [:])).each { path, text -> if (globMatch(pattern as String, path as String)) saved[path] = text }
        if (workspace) workspace.eachFileRecurse(groovy.io.FileType.FILES) { f -> String rel = workspace.toPath().relativize(f.toPath()).toString(); if (globMatch(pattern as String, rel)) saved[rel] = f.getText('UTF-8') }
        if (!saved) throw new StepFailure("stash: no files included by ${pattern}")
        stashes[named.name] = saved
        return null
      case 'unstash':
        // UnstashStep's required context includes FilePath (workflow-basic-steps, UnstashStep.getRequiredContext): a workspace.
        where.requireWorkspace('unstash')
        String stashName = named.name ?: args[0]
        if (!stashes.containsKey(stashName)) throw new StepFailure("No such saved stash '${stashName}'")
        (stashes[stashName] as Map).each { path, text -> step('writeFile', [[file: path, text: text]] as Object[]) }
        return null
      default: return null
    }
  }

  Map stashes = [:]

  /** Warnings (unstable, catchError's UNSTABLE stage result) so far: a stage is unstable when it added one. */
  int warnings = 0
  /** Timeouts around the running step: an injected stall needs one to end. */
  int timeoutDepth = 0
  /** Lockable resources held, innermost last. */
  List heldLocks = []

  Object withTimeout(Map named, Closure body) {
    timeoutDepth++
    // TimeoutStep (workflow-basic-steps-plugin, TimeoutStep.java): `time` in `unit`, MINUTES unless given; when the time
    // runs out, TimeoutStepExecution cancels the body. The deadline is on the virtual clock (see advance).
    Long due = named?.time != null ? clock + java.util.concurrent.TimeUnit.valueOf((named.unit ?: 'MINUTES') as String).toMillis(named.time as long) : null
    if (due != null) timeoutDeadlines << due
    try {
      return runBody(body)
    } catch (Stall e) {
      throw new AbortedFailure('Timeout has been exceeded')
    } finally {
      timeoutDepth--
      if (due != null) timeoutDeadlines.remove(timeoutDeadlines.size() - 1)
    }
  }

  /**
   * The virtual clock the run's Groovy reads as System.currentTimeMillis() (see the main section). In Jenkins, CPS code
   * reads the controller's clock; here only sleep, a timeout and a stub that says how long its command runs move it, so
   * a day's wait runs in an instant and a test can count what it did.
   */
  static final long EPOCH = 1700000000000L
  long clock = EPOCH
  /** The deadlines of the timeouts around the running step, outermost first. */
  List<Long> timeoutDeadlines = []

  long elapsed() { clock - EPOCH }

  /** Moves the clock on by ms; a timeout whose time runs out meanwhile stops its body at that moment. */
  void advance(long ms) {
    long target = clock + ms
    Long due = timeoutDeadlines ? timeoutDeadlines.min() : null
    if (due != null && target > due) {
      clock = due
      throw new Stall('the time of a timeout ran out')
    }
    clock = target
  }

  /**
   * lock(resource) or lock(resource: …): the body runs holding the resource (jenkinsci/lockable-resources-plugin,
   * src/main/java/org/jenkins/plugins/lockableresources/LockStep.java). One build at a time here, so it never waits;
   * the held names are recorded on every call made inside, so a test can see what ran under which lock.
   */
  Object withLock(Object[] args, Closure body) {
    def first = args.find { !(it instanceof Closure) }
    String resource = first instanceof Map ? (first.resource ?: first.label) : first?.toString()
    if (!resource) throw new StepFailure('lock: no resource named')
    if (heldLocks.contains(resource)) throw new StepFailure("lock: ${resource} is already held by this build")
    heldLocks << resource
    try { return runBody(body) } finally { heldLocks.remove(heldLocks.size() - 1) }
  }

  /** Runs body inside a stage's or the pipeline's options that wrap (timeout, lock), outermost first, as ModelInterpreter.inWrappers does. */
  Object inWrappers(List options, Closure body) {
    def wrappers = options.findAll { it.name in ['timeout', 'lock'] }
    if (!wrappers) return body()
    def first = wrappers[0]
    def rest = { inWrappers(wrappers.drop(1), body) }
    def targs = first.args as List
    return first.name == 'timeout' ? withTimeout(targs && targs[0] instanceof Map ? targs[0] as Map : [time: targs ? targs[0] : null], rest) : withLock(first.args as Object[], rest)
  }

  /** readJSON without returnPojo: every JSON null becomes JSONNull (see SimJSONNull). */
  static Object jsonLib(Object o) {
    if (o == null) return SimJSONNull.INSTANCE
    if (o instanceof Map) { def m = new LinkedHashMap(); o.each { k, v -> m[k] = jsonLib(v) }; return m }
    if (o instanceof List) return o.collect { jsonLib(it) }
    return o
  }

  void bind(Map b, Map layer) {
    String id = b.credentialsId
    switch (b.type) {
      case 'usernamePassword':
        layer[b.usernameVariable] = credentialValue(id, 'username')
        layer[b.passwordVariable] = credentialValue(id, 'password')
        break
      case 'aws':
        layer[b.accessKeyVariable ?: 'AWS_ACCESS_KEY_ID'] = credentialValue(id, 'accessKey')
        layer[b.secretKeyVariable ?: 'AWS_SECRET_ACCESS_KEY'] = credentialValue(id, 'secretKey')
        break
      case 'sshUserPrivateKey':
        layer[b.keyFileVariable] = '/tmp/key-' + id
        if (b.usernameVariable) layer[b.usernameVariable] = credentialValue(id, 'username')
        break
      default:
        layer[b.variable] = credentialValue(id, null)
    }
  }

  Object withLayer(Map layer, Closure body) {
    env.layers << layer
    try { return runBody(body) } finally { env.layers.remove(env.layers.size() - 1) }
  }

  Object runBody(Closure body) {
    if (body == null) return null
    return body.call()
  }

  Object sh(Object[] args, Map call) {
    Map named = args[0] instanceof Map ? args[0] as Map : [script: args[0]]
    String script = named.script
    call.script = script
    call.env = env.snapshot().findAll { k, v -> env.layers.any { it.containsKey(k) } }.keySet().toList().sort()
    int status = 0
    String stdout = ''
    // What runs where: sh needs a node, and the programs it runs must be in this container (a stub stands in for what a
    // program does, never for its absence).
    where.requireWorkspace('sh')
    where.requireTools('sh', where.toolsOfScript(script))
    // A stub that matches wins even when sh runs for real: a scenario runs some commands and stands in for others.
    def stub = (request.sh ?: []).find { script =~ it.match && (!it.stage || it.stage == stage) && (it.beforeMs == null || elapsed() < (it.beforeMs as long)) }
    if (!stub && script.contains('for tool in $PW_TOOLS; do command -v')) {
      stdout = where.probe(env.lookup('PW_TOOLS') as String ?: '')
    } else if (stub) {
      status = (stub.status ?: 0) as int
      stdout = stub.stdout ?: ''
      // How long the stubbed command runs: a fixed time, or the duration a variable gives it (a helper that waits out its --timeout).
      if (stub.takesMs != null) advance(stub.takesMs as long)
      if (stub.takesEnv) advance(durationMillis(env.lookup(stub.takesEnv as String) as String))
    } else if (!request.execSh && script ==~ /git (-c safe\.directory="[$]PWD" )?log -1 --format=%ae\s*/) {
      // The simulated checkout's commit has an author, as every git commit does (request.commitAuthor: '' for none).
      stdout = request.containsKey('commitAuthor') ? request.commitAuthor : 'author@example.com'
    } else if (request.execSh) {
      def pb = new ProcessBuilder('/bin/sh', '-c', script)
      pb.directory(workspace)
      Map pe = pb.environment()
      env.snapshot().each { k, v -> if (v != null) pe[k as String] = v as String }
      pb.redirectErrorStream(false)
      def p = pb.start()
      def out = new StringBuilder(), err = new StringBuilder()
      // One reader thread per stream, joined before the output is read: a second pair of readers (waitForProcessOutput
      // after consumeProcessOutput) raced the first, and a short output could be read before its reader had appended it.
      Thread outReader = p.consumeProcessOutputStream(out)
      Thread errReader = p.consumeProcessErrorStream(err)
      if (!p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)) { p.destroyForcibly(); throw new StepFailure('sh timed out') }
      outReader.join()
      errReader.join()
      status = p.exitValue()
      stdout = out.toString()
      call.stdout = stdout
      call.stderr = err.toString()
    }
    call.status = status
    if (named.returnStatus) return status
    if (status != 0) throw new StepFailure("script returned exit code ${status}")
    if (named.returnStdout) return stdout
    return null
  }

  /** '500ms', '30s', '5m', '24h' (bare: seconds), as the helpers read their --timeout (src/helpers/shared/cli.ts parseDurationMs). */
  static long durationMillis(String text) {
    def m = (text ?: '').trim() =~ /^(\d+)(ms|s|m|h)?$/
    if (!m) throw new StepFailure("not a duration: ${text}")
    return (m[0][1] as long) * ([ms: 1L, s: 1000L, m: 60000L, h: 3600000L][m[0][2] ?: 's'] as long)
  }

  static boolean globMatch(String pattern, String value) {
    if (value == null) return false
    def regex = new StringBuilder()
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i)
      if (c == '*' as char) {
        if (i + 1 < pattern.length() && pattern.charAt(i + 1) == '*' as char) { regex << '.*'; i++ } else regex << '[^/]*'
      } else if (c == '?' as char) regex << '[^/]'
      else regex << java.util.regex.Pattern.quote(c as String)
    }
    return value ==~ regex.toString()
  }

  /**
   * `when { branch }` as BranchConditional.branchMatches decides it (jenkinsci/pipeline-model-definition-plugin,
   * pipeline-model-definition/src/main/java/org/jenkinsci/plugins/pipeline/modeldefinition/when/impl/BranchConditional.java,
   * the branch read by BranchConditionalScript.groovy beside it: BRANCH_NAME, else GIT_LOCAL_BRANCH): an empty pattern
   * and branch match, one empty alone does not; then the comparator (when/utils/Comparator.java, GLOB unless named):
   * GLOB is Ant's SelectorUtils.matchPath(pattern, branch, false) itself (ant.jar is on Groovy's classpath), REGEXP
   * branch.matches(pattern), EQUALS branch.equals(pattern).
   */
  static boolean branchMatches(String pattern, String comparator, String branch) {
    if (!branch && !pattern) return true
    if (!branch || !pattern) return false
    switch ((comparator ?: 'GLOB').toUpperCase()) {
      case 'REGEXP': return branch.matches(pattern)
      case 'EQUALS': return branch == pattern
      default: return org.apache.tools.ant.types.selectors.SelectorUtils.matchPath(pattern.replace('/', File.separator), branch.replace('/', File.separator), false)
    }
  }

  boolean evaluate(List conditions) {
    conditions.every { c ->
      switch (c.type) {
        case 'branch': return branchMatches(c.pattern as String, c.comparator as String, (env.lookup('BRANCH_NAME') ?: env.lookup('GIT_LOCAL_BRANCH')) as String)
        case 'expression':
          def cl = (c.closure as Closure).rehydrate(new StepsDelegate(script: c.closure.thisObject as Script), c.closure.owner, c.closure.thisObject)
          cl.resolveStrategy = Closure.DELEGATE_FIRST
          return cl.call() as boolean
        case 'environment': return env.lookup(c.name as String) == c.value
        case 'changeRequest': return env.lookup('CHANGE_ID') != null
        case 'buildingTag': return env.lookup('TAG_NAME') != null
        case 'tag': return globMatch(c.pattern as String, env.lookup('TAG_NAME') as String)
        case 'not': return !evaluate(c.inner as List)
        case 'anyOf': return (c.inner as List).any { evaluate([it]) }
        case 'allOf': return evaluate(c.inner as List)
        default: throw new UnknownStep("unknown condition ${c.type}")
      }
    }
  }

  Object runSteps(Closure c) {
    def cl = c.rehydrate(new StepsDelegate(script: c.thisObject as Script), c.owner, c.thisObject)
    cl.resolveStrategy = Closure.DELEGATE_FIRST
    return cl.call()
  }

  static final List POST_ORDER = ['always', 'changed', 'fixed', 'regression', 'aborted', 'failure', 'success', 'unstable', 'unsuccessful', 'cleanup']

  /**
   * Runs post blocks in Jenkins' order; returns the names that ran. Each condition is judged on the combined result,
   * the worse of the build's result and the stage's own (its error, or a warning inside it), as
   * BuildCondition.getCombinedResult does (jenkinsci/pipeline-model-definition-plugin,
   * pipeline-model-extensions/src/main/java/org/jenkinsci/plugins/pipeline/modeldefinition/model/BuildCondition.java;
   * the conditions in pipeline-model-definition/src/main/groovy/.../model/conditions/*.groovy: failure is
   * combined == FAILURE, aborted == ABORTED, unsuccessful != SUCCESS). While a block runs, currentBuild.currentResult
   * is that combined result (ModelInterpreter.runPostConditions sets the raw result to it and puts it back after).
   */
  List runPost(PostDef post, String stageResult, String scope) {
    if (post == null) return []
    String previous = request.previousResult ?: 'SUCCESS'
    def ran = []
    for (cond in POST_ORDER) {
      if (!post.blocks[cond]) continue
      String result = CurrentBuild.worse(currentBuild.result ?: 'SUCCESS', stageResult)
      boolean applies = [
        always: true, cleanup: true,
        changed: result != previous,
        fixed: result == 'SUCCESS' && previous in ['FAILURE', 'UNSTABLE'],
        regression: previous == 'SUCCESS' && result in ['FAILURE', 'UNSTABLE', 'ABORTED'],
        aborted: result == 'ABORTED', failure: result == 'FAILURE', success: result == 'SUCCESS',
        unstable: result == 'UNSTABLE', unsuccessful: result != 'SUCCESS',
      ][cond]
      if (!applies) continue
      ran << cond
      def saved = stage
      String savedCurrent = currentBuild.currentResult
      stage = scope
      currentBuild.currentResult = result
      try {
        runSteps(post.blocks[cond] as Closure)
      } catch (UnknownStep e) {
        throw e
      } catch (StepFailure e) {
        currentBuild.setResult('FAILURE')
        errors << "post ${cond} of ${scope}: ${e.message}"
      } finally {
        stage = saved
        currentBuild.currentResult = currentBuild.result ?: savedCurrent
      }
    }
    return ran
  }

  /**
   * Whether a user may answer an input whose submitter is `submitter`, as InputStepExecution.canSettle decides
   * (jenkinsci/pipeline-input-step-plugin, src/main/java/org/jenkinsci/plugins/workflow/support/steps/input/InputStepExecution.java):
   * anyone when none is set; an administrator always; otherwise one of the comma-separated names is the user's ID
   * or one of the user's groups (the default ID and group strategies compare case-insensitively).
   */
  boolean canSettle(String submitter, String userId) {
    if (!submitter) return true
    // The default approver, unless the scenario describes it, is an administrator.
    Map user = (request.users ?: [:])[userId] as Map ?: (userId == DEFAULT_APPROVER ? [admin: true] : [:])
    if (user.admin) return true
    List names = submitter.split(',').collect { it.trim().toLowerCase() }
    return ([userId] + (user.groups ?: [])).any { names.contains(it.toString().toLowerCase()) }
  }

  /** A stage's input: the scenario names who answers, 'abort' (rejected) or 'timeout' (nobody answers); by default an administrator approves. */
  void askInput(StageDef s, String parent) {
    // A scenario answers an input by its stage's name or, for an input in a nested stage, by the group's name.
    def response = (request.inputs ?: [:])[s.name] ?: (parent ? (request.inputs ?: [:])[parent] : null)
    String user = response ?: DEFAULT_APPROVER
    calls << [step: 'input', stage: s.name, args: [message: s.input.message, submitter: s.input.submitter, submitterParameter: s.input.submitterParameter, ok: s.input.ok], depth: depth, stageInput: true, locks: heldLocks.clone(), answeredBy: user]
    if (response == 'abort') throw new AbortedFailure("input in ${s.name} rejected")
    if (response == 'timeout' || !canSettle(s.input.submitter, user)) {
      // Nobody who may answer does: the input waits until a timeout around it ends the stage ABORTED.
      if (timeoutDepth == 0) throw new StepFailure("input in ${s.name}: nobody answers and no timeout ends the wait")
      throw new AbortedFailure("input in ${s.name}: Timeout has been exceeded")
    }
    approved(user)
    if (s.input.submitterParameter) env.base[s.input.submitterParameter] = user
  }

  /** InputStepExecution.proceed (pipeline-input-step) adds an ApproverAction naming the approving user to the run. */
  void approved(String user) {
    currentBuild.rawBuild.actions << new org.jenkinsci.plugins.workflow.support.steps.input.ApproverAction(user)
  }

  static final String DEFAULT_APPROVER = 'approver'

  /**
   * Runs one stage in ModelInterpreter.evaluateStage's order (jenkinsci/pipeline-model-definition-plugin,
   * pipeline-model-definition/src/main/resources/org/jenkinsci/plugins/pipeline/modeldefinition/ModelInterpreter.groovy):
   * when (beforeOptions), the options that wrap (timeout, lock), when (beforeInput), input, when (beforeAgent), agent,
   * when, then the steps or nested stages; post runs inside the options and the agent. Returns false when the build must stop.
   */
  boolean runStage(StageDef s, String parent, boolean skipRest) {
    def record = [name: s.name, parent: parent]
    stageResults << record
    if (skipRest) { record.status = 'skipped-after-failure'; return false }
    if (restartFrom && parent == null) {
      if (s.name == restartFrom) restartFrom = null
      else { record.status = 'skipped-for-restart'; return true }
    }
    def saved = stage
    stage = s.name
    int warningsBefore = warnings
    def w = s.when
    boolean passed = w == null || evaluate(w.conditions)
    String stageResult = null
    try {
      if (w && w.beforeOptions && !passed) { record.status = 'skipped'; return true }
      record.options = s.options.collect { it.name }
      // A stage's post runs only once its input is answered and its when passed: a steps-only stage's post is in
      // executeSingleStage's finally and a sequential parent's in evaluateSequentialStages', both called inside
      // stageInput (ModelInterpreter.evaluateStage). An input that ends ABORTED (timeout, Abort) skips it. Not modelled:
      // a parallel parent's post, which Jenkins runs in evaluateStage's finally whatever its input did (none is generated).
      boolean entered = false
      inWrappers(s.options) {
        try {
          if (w && w.beforeInput && !passed) { record.status = 'skipped'; return }
          if (s.input) askInput(s, parent)
          if (w && !passed) { record.status = 'skipped'; return }
          record.status = 'running'
          entered = true
          Map stageEnv = [:]
          s.environment.each { k, v -> stageEnv[k] = v }
          env.layers << stageEnv
          try {
            // The stage's agent (none: the enclosing one) is where its steps and its children run.
            where.inside(where.stageAgent(s.agent)) {
              if (s.steps) runSteps(s.steps)
              boolean ok = true
              for (child in s.stages) ok = runStage(child, s.name, !ok) && ok
              for (child in s.parallel) ok = runStage(child, s.name, false) && ok
              if (!ok) {
                // The nested stage's error propagates as if thrown here: an interruption stays ABORTED.
                boolean aborted = stageResults.any { it.parent == s.name && it.status == 'aborted' }
                throw aborted ? new AbortedFailure("a nested stage of ${s.name} was aborted") : new StepFailure("a nested stage of ${s.name} failed")
              }
            }
            record.status = warnings > warningsBefore ? 'unstable' : 'success'
          } finally {
            // By identity: List.remove(Object) would take the first layer equal to it, an outer stage's empty one.
            int mine = env.layers.findLastIndexOf { it.is(stageEnv) }
            if (mine >= 0) env.layers.remove(mine)
          }
        } catch (AbortedFailure e) {
          record.status = 'aborted'
          record.error = e.message
        } catch (StepFailure e) {
          record.status = 'failed'
          record.error = e.message
        } finally {
          if (entered && s.post) {
            stageResult = record.status == 'failed' ? 'FAILURE' : record.status == 'aborted' ? 'ABORTED' : warnings > warningsBefore ? 'UNSTABLE' : 'SUCCESS'
            // A stage's post runs on the stage's agent (what runs where).
            where.inside(where.stageAgent(s.agent)) {
              record.post = runPost(s.post, stageResult, s.name)
            }
          }
        }
      }
    } catch (AbortedFailure e) {
      // A timeout around the stage ended it (its input, or a stalled step).
      record.status = 'aborted'
      record.error = e.message
    } catch (StepFailure e) {
      record.status = 'failed'
      record.error = e.message
    } finally {
      if (record.status == 'aborted') currentBuild.setResult('ABORTED')
      if (record.status == 'failed') currentBuild.setResult('FAILURE')
      stage = saved
    }
    return !(record.status in ['failed', 'aborted'])
  }

  /**
   * The build's parameters: the definitions' defaults, then the values the request gives. In Jenkins they are the
   * build's ParametersAction, there before the script runs (the params global, ParamsVariable, reads it), so the
   * pipeline block's stage options see them (see StageDef.options); here they are set when the parameters directive
   * is read, which comes before the stages in a Declarative file, and again before the run (the same values).
   */
  void applyParameters(List definitions) {
    definitions.each { d ->
      Map a = d.args ? d.args[0] as Map : [:]
      if (!a.name) return
      def value = a.containsKey('defaultValue') ? a.defaultValue : (d.name == 'choice' ? ((a.choices instanceof List) ? a.choices[0] : (a.choices as String).split('\n')[0]) : (d.name == 'booleanParam' ? false : ''))
      params[a.name] = value
    }
    (request.params ?: [:]).each { k, v -> params[k] = v }
  }

  void runPipeline(PipelineDef p) {
    applyParameters(p.parameters)
    // The pipeline's environment holds for every stage of every run, a restarted one included: ModelInterpreter.call
    // (pipeline-model-definition, ModelInterpreter.groovy) wraps evaluateSequentialStages, which skips the stages before
    // a restart, in withEnvBlock(root.getEnvVars(script)); a constant value is kept as written (RuntimeASTTransformer.
    // translateEnvironmentValue) and withEnv sets it without expanding $ references (EnvStep's EnvironmentExpander.constant, overrideAll).
    env.base.putAll(p.environment)
    boolean ok = true
    // The pipeline's agent (what runs where) holds every stage and the pipeline's post.
    where.inside(where.stageAgent(p.agent)) {
      try {
        inWrappers(p.options) {
          for (s in p.stages) ok = runStage(s, null, !ok) && ok
        }
      } catch (AbortedFailure e) {
        errors << e.message
        currentBuild.setResult('ABORTED')
      }
      String result = currentBuild.result ?: 'SUCCESS'
      currentBuild.currentResult = result
      postRan = runPost(p.post, result, 'post')
    }
    pipeline = p
  }

  List postRan = []
  PipelineDef pipeline
  /** Restart from Stage: the top-level stages before this one are skipped (ModelInterpreter.evaluateSequentialStages' SkippedStageReason.Restart). */
  String restartFrom = null

  void pipeline(Closure body) {
    def p = new PipelineDef()
    def cl = body.rehydrate(p, body.owner, body.thisObject)
    cl.resolveStrategy = Closure.DELEGATE_FIRST
    cl.call()
    runPipeline(p)
  }
}


// ==== What runs where (issue 14, part A) ==========================================================================
// Containers have only the tools their image provides; steps that need a workspace need a node. Kept apart from the
// stage/result code above: SimRuntime calls into WhereRuntime at agent, node, container, sh, checkout, withCredentials.

/** The tools of the images this project names, each row from the Dockerfile the image is built from. */
class ImageTools {
  /** The programs the simulation tracks; any other command is a POSIX shell utility every image has. */
  static final Set<String> TRACKED = ['node', 'npm', 'git', 'ssh', 'pg_dump', 'pg_restore', 'sonar-scanner', 'docker', 'aws', 'trivy', 'executor', 'go', 'python', 'pip', 'mvn', 'crane', 'docker-credential-ecr-login'] as Set
  static final Map<String, List<String>> TABLE = [
    // nodejs/docker-node 20/bookworm/Dockerfile: FROM buildpack-deps:bookworm, whose scm layer
    // (docker-library/buildpack-deps debian/bookworm/scm/Dockerfile) installs git and openssh-client; then node, npm.
    'node:20-bookworm': ['node', 'npm', 'git', 'ssh'],
    // nodejs/docker-node 20/bookworm-slim/Dockerfile: FROM debian:bookworm-slim; node and npm, no git.
    'node:20-bookworm-slim': ['node', 'npm'],
    // nodejs/docker-node 20/alpine3.20/Dockerfile: FROM alpine; node and npm, no git.
    'node:20-alpine': ['node', 'npm'],
    // nodejs/docker-node 22/alpine3.20/Dockerfile: the same alpine build of Node 22; node and npm, no git.
    'node:22-alpine': ['node', 'npm'],
    // docker-library/python 3.12/slim-bookworm/Dockerfile: FROM debian:bookworm-slim; python and pip.
    'python:3.12-slim': ['python', 'pip'],
    // docker-library/golang 1.23/bookworm/Dockerfile: FROM buildpack-deps:bookworm-scm (git, openssh-client); go. No node.
    'golang:1.23': ['go', 'git', 'ssh'],
    // GoogleContainerTools/kaniko deploy/Dockerfile, target debug: /kaniko/executor and busybox's sh.
    'gcr.io/kaniko-project/executor:v1.23.2-debug': ['executor'],
    // aquasecurity/trivy Dockerfile: FROM alpine, apk add git; trivy.
    'aquasec/trivy:0.58.1': ['trivy', 'git'],
    // SonarSource/sonar-scanner-cli-docker Dockerfile: FROM amazonlinux:2023, `dnf install -y git` and `nodejs`, the
    // scanner CLI on PATH (${SONAR_SCANNER_HOME}/bin).
    'sonarsource/sonar-scanner-cli:11': ['sonar-scanner', 'git', 'node'],
  ]
  /** The organisation helper image: this repository's docker/helpers/Dockerfile, FROM node:20-bookworm (node, npm, git,
   *  ssh) plus Debian's postgresql-client (pg_dump, pg_restore) and amazon-ecr-credential-helper
   *  (docker-credential-ecr-login), and crane copied from a golang build stage. That file tells the organisation to push
   *  it as <registry>/pipewright-helpers:<tag>, so any image of that repository name is this one. */
  static final List<String> HELPER_IMAGE = ['node', 'npm', 'git', 'ssh', 'pg_dump', 'pg_restore', 'crane', 'docker-credential-ecr-login']

  static List<String> of(String image) {
    if (TABLE.containsKey(image)) return TABLE[image]
    if (image ==~ /(.*\/)?pipewright-helpers(:[^\/]*)?/) return HELPER_IMAGE
    return null
  }
}

/** One place commands run: a Kubernetes pod (containers by name, the current one), a docker container, a label agent's host. */
class Place {
  String kind
  Map<String, String> containers = [:]
  String current
  String image
  String describe() {
    if (kind == 'pod') return "the container \"${current}\" (image ${containers[current]})"
    if (kind == 'docker') return "the docker container (image ${image})"
    return 'the agent host'
  }
  String currentImage() { kind == 'pod' ? containers[current] : kind == 'docker' ? image : null }
}

class WhereRuntime {
  SimRuntime rt
  /** The places entered, innermost last; empty: no agent (Declarative's agent none). */
  List<Place> places = []
  /** Calls that found a tool missing: [stage, tool, where]. */
  List missing = []
  /** A podTemplate's pod, waiting for its node(POD_LABEL). */
  Place pendingPod

  WhereRuntime(SimRuntime rt) { this.rt = rt }

  Place here() { places ? places[-1] : null }

  Set<String> toolsOf(Place p) {
    if (p.kind == 'host') return (rt.request.hostTools ?: ImageTools.TRACKED) as Set
    String image = p.currentImage()
    // An image outside the table has only a POSIX shell, unless the scenario declares its tools (a config's own image).
    def declared = (rt.request.images ?: [:])[image]
    return ((declared != null ? declared : ImageTools.of(image)) ?: []) as Set
  }

  /** Parses the containers of a pod yaml the generator or a step wrote (name, then image, per container). */
  static Map<String, String> podContainers(String yaml) {
    Map<String, String> out = [:]
    String name = null
    (yaml ?: '').eachLine { line ->
      // gen writes a container as one flow mapping: - {name: build, image: "…", command: ["cat"], tty: true}
      def f = line =~ /^\s*- \{name: ([^,\s]+), image: "([^"]+)",/
      if (f) { out[f[0][1]] = f[0][2]; return }
      def n = line =~ /^\s*- name:\s*"?([^"\s]+)"?\s*$/
      if (n) { name = n[0][1]; return }
      def i = line =~ /^\s*image:\s*"?([^"\s]+)"?\s*$/
      if (i && name) { out[name] = i[0][1]; name = null }
    }
    return out
  }

  /** Declarative's stage agent (pipeline-model-definition's agent types): kubernetes runs podTemplate, node, then container(defaultContainer)
   *  (kubernetes-plugin KubernetesDeclarativeAgentScript.groovy); docker runs node then docker.image().inside (docker-workflow DockerPipelineScript.groovy). */
  Place stageAgent(def agent) {
    // A stage's agent block is a closure run when the stage enters its agent, under the pipeline's environment:
    // RuntimeASTTransformer.transformAgent wraps the block's map in a closure (new Agent(closure)), and
    // ModelInterpreter.inDeclarativeAgent calls it (agent.populateMap(instanceFromClosure(agent.rawClosure, Map))) inside
    // ModelInterpreter.call's withEnvBlock (pipeline-model-definition). So `yaml env.PW_POD_DEPLOY` reads the pipeline
    // environment's entry; ModelParser.parseArgument accepts such an expression as an in-place GString value.
    if (agent instanceof Closure) agent = SimRuntime.recordAtRuntime(agent)
    if (agent == null || agent == 'none') return null
    if (agent == 'any') return new Place(kind: 'host')
    def entry = (agent as List)[0]
    Map nested = [:]
    (entry.nested ?: []).each { nested[it.name] = it.args ? it.args[0] : null }
    switch (entry.name) {
      case 'kubernetes':
        // The jnlp container comes from the inherited template: jenkins/inbound-agent, not in the table (a shell only).
        Map containers = [jnlp: 'jenkins/inbound-agent'] + podContainers(nested.yaml as String)
        return new Place(kind: 'pod', containers: containers, current: nested.defaultContainer ?: 'jnlp')
      case 'docker': return new Place(kind: 'docker', image: nested.image as String)
      default: return new Place(kind: 'host')
    }
  }

  Object inside(Place p, Closure body) {
    if (p == null) return body()
    // Entering a node sets NODE_NAME for its body: jenkinsci/workflow-durable-task-step-plugin,
    // src/main/java/org/jenkinsci/plugins/workflow/support/steps/ExecutorStepExecution.java puts it in the EnvVars it
    // hands the body (newBodyInvoker().withContexts(…, env, …)). The build's own environment has none: jenkinsci/jenkins,
    // core/src/main/java/jenkins/model/CoreEnvironmentContributor.java sets it only when the current thread is an
    // Executor, and the CPS thread is none. So pwInternal.environmentFacts can tell an agent-less stage by it.
    Map layer = places ? [:] : [NODE_NAME: p.kind == 'pod' ? 'pod-agent' : 'agent-1']
    places << p
    if (p.kind == 'pod' && p.current != 'jnlp') layer.POD_CONTAINER = p.current
    try { return rt.withLayer(layer, body) } finally { places.remove(places.size() - 1) }
  }

  /** node(label): a pod's label enters the pod a podTemplate described; any other label a host. */
  Object node(Object[] args, Closure body) {
    String label = args.find { it instanceof String || it instanceof GString }?.toString()
    Place p = pendingPod && label == pendingPod.current ? pendingPod : new Place(kind: 'host')
    if (p.is(pendingPod)) { pendingPod = null; p.current = 'jnlp' }
    return inside(p, body)
  }

  Object podTemplate(Map named, Closure body) {
    String label = 'pod-' + rt.calls.size()
    pendingPod = new Place(kind: 'pod', containers: [jnlp: 'jenkins/inbound-agent'] + podContainers(named.yaml as String), current: label)
    return rt.withLayer([POD_LABEL: label], body)
  }

  /** container(name) (kubernetes-plugin ContainerStep): only inside a pod, only a container the pod has; sets POD_CONTAINER. */
  Object container(String name, Closure body) {
    Place p = here()
    if (p == null || p.kind != 'pod') throw new StepFailure("container('${name}'): not inside a Kubernetes pod")
    if (!p.containers.containsKey(name)) throw new StepFailure("container('${name}'): the pod has no such container (it has ${p.containers.keySet().join(', ')})")
    return inside(new Place(kind: 'pod', containers: p.containers, current: name), body)
  }

  Object dockerInside(String image, Closure body) {
    if (here() == null) throw new StepFailure('docker.image().inside: not inside a node')
    return inside(new Place(kind: 'docker', image: image), body)
  }

  /** A step that needs a workspace (sh, checkout; durable-task and SCM steps ask their context for a FilePath) outside any node fails, as in Jenkins. */
  void requireWorkspace(String step) {
    if (here() == null) throw new StepFailure("${step}: Required context class hudson.FilePath is missing; perhaps you forgot to surround the code with a step that provides this, such as: node")
  }

  /** Fails the step when the place lacks a tool it runs. */
  void requireTools(String step, Collection<String> tools) {
    Place p = here()
    Set have = toolsOf(p)
    def absent = tools.findAll { ImageTools.TRACKED.contains(it) && !have.contains(it) }
    if (absent) {
      absent.each { missing << [stage: rt.stage, tool: it, where: p.describe()] }
      throw new StepFailure("${step}: ${absent.join(', ')}: not found in ${p.describe()}")
    }
  }

  /** The tools an sh script runs: each command word of each line and pipeline, and for a bundled helper the programs it spawns. */
  Set<String> toolsOfScript(String script) {
    Set<String> tools = [] as Set
    script.eachLine { line ->
      line.split(/\|\||&&|\||;|\$\(|`/).each { part ->
        def words = part.trim().split(/\s+/)
        int i = 0
        // Skip variable assignments and the shell keywords that lead a command.
        while (i < words.length && (words[i] ==~ /[A-Za-z_][A-Za-z0-9_]*=.*/ || words[i] in ['if', 'then', 'else', 'elif', 'do', 'while', '!', 'exec'])) i++
        if (i < words.length) {
          String cmd = words[i].replaceAll(/^.*\//, '')
          if (ImageTools.TRACKED.contains(cmd)) tools << cmd
          if (cmd == 'node' && i + 1 < words.length) {
            def helper = words[i + 1] =~ /\.pipewright\/([a-z-]+)\.cjs/
            if (helper) tools.addAll((rt.request.helperTools ?: [:])[helper[0][1]] ?: [])
          }
        }
      }
    }
    return tools
  }

  /** The probe pwPreflight and the steps run (`for tool in $PW_TOOLS; do command -v …`): prints the tools this place lacks. */
  String probe(String toolList) {
    Set have = toolsOf(here())
    def absent = toolList.split(/\s+/).findAll { it && ImageTools.TRACKED.contains(it) && !have.contains(it) }
    return absent ? absent.join(' ') + ' ' : ''
  }
}

/** Pipeline Utility Steps' readJSON without returnPojo (ReadJSONStepExecution.java): json-lib objects, where JSON null is
 *  JSONNull, an object (so truthy in Groovy) whose toString is "null" (json-lib JSONNull.java). */
class SimJSONNull {
  static final SimJSONNull INSTANCE = new SimJSONNull()
  String toString() { 'null' }
  boolean equals(Object o) { o == null || o instanceof SimJSONNull }
  int hashCode() { 0 }
}

// ---- main ----
// The run's Groovy (the Jenkinsfile and vars/, which read System.currentTimeMillis() for deadlines) sees the current
// run's virtual clock; Java code, the simulator's own waits included, keeps the real one.
System.metaClass.static.currentTimeMillis = { -> SimRuntime.current.clock }
def request = new JsonSlurper().parse(new File(args[0]))
def results = []
for (scenario in request.scenarios) {
  def rt = new SimRuntime(scenario + [varsDir: request.varsDir, resourcesDir: request.resourcesDir])
  def outcome = [name: scenario.name]
  try {
    def text = new File(scenario.jenkinsfile as String).getText('UTF-8')
    // @Library loads this repository's vars/ in Jenkins; here the runtime resolves vars/ itself.
    text = text.replaceAll(/(?m)^@Library\(.*\)\s*_\s*$/, '')
    Script script = rt.compiled('Jenkinsfile', text).newInstance() as Script
    script.binding = new Binding([env: rt.env, params: rt.params, currentBuild: rt.currentBuild])
    rt.jenkinsfile = script
    script.run()
  } catch (UnknownStep e) {
    rt.errors << e.message
    rt.currentBuild.setResult('FAILURE')
  } catch (Throwable e) {
    rt.errors << (e.class.name + ': ' + e.message)
    rt.currentBuild.setResult('FAILURE')
  }
  outcome.result = rt.currentBuild.result ?: 'SUCCESS'
  outcome.stages = rt.stageResults
  outcome.calls = rt.calls
  outcome.postRan = rt.postRan
  outcome.errors = rt.errors
  outcome.missingTools = rt.where.missing
  outcome.varsInstances = rt.varsInstances
  // The build's environment at the end (env.X = … assignments; withEnv layers are gone by then).
  outcome.env = SimRuntime.plain(rt.env.base)
  outcome.params = SimRuntime.plain(rt.params)
  outcome.options = rt.pipeline ? SimRuntime.plain(rt.pipeline.options) : null
  outcome.parameters = rt.pipeline ? SimRuntime.plain(rt.pipeline.parameters) : null
  outcome.triggers = rt.pipeline ? SimRuntime.plain(rt.pipeline.triggers) : null
  outcome.agent = rt.pipeline ? SimRuntime.plain(rt.pipeline.agent) : null
  results << outcome
}
new File(args[1]).setText(JsonOutput.prettyPrint(JsonOutput.toJson(results)), 'UTF-8')
