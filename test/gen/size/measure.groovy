// Compiles Jenkinsfiles with Groovy 2.4 (one JVM for all) and measures the bytecode of the pipeline { } block: the code
// of the script's run() and of every closure's doCall (the code the CPS transform puts into one method), besides the
// size of every class file. Usage: groovy measure.groovy request.json result.json, request.json being {"files": [...]}.
import groovy.json.JsonOutput
import groovy.json.JsonSlurper
import org.codehaus.groovy.control.CompilationUnit
import org.codehaus.groovy.control.CompilerConfiguration
import org.codehaus.groovy.control.Phases

/** The code_length of each method's Code attribute, by method name (JVM spec 4.1, 4.4, 4.6, 4.7.3). */
Map<String, Integer> methodCode(byte[] bytes) {
  def data = new DataInputStream(new ByteArrayInputStream(bytes))
  data.readInt(); data.readUnsignedShort(); data.readUnsignedShort()
  int count = data.readUnsignedShort()
  String[] utf8 = new String[count]
  for (int i = 1; i < count; i++) {
    int tag = data.readUnsignedByte()
    switch (tag) {
      case 1: utf8[i] = data.readUTF(); break
      case [3, 4, 9, 10, 11, 12, 18]: data.skipBytes(4); break
      case [5, 6]: data.skipBytes(8); i++; break
      case [7, 8, 16]: data.skipBytes(2); break
      case 15: data.skipBytes(3); break
      default: throw new IllegalStateException("constant pool tag ${tag}")
    }
  }
  data.skipBytes(6)
  data.skipBytes(2 * data.readUnsignedShort())
  Closure members = { boolean methods ->
    Map<String, Integer> code = [:]
    int n = data.readUnsignedShort()
    n.times {
      data.skipBytes(2)
      String name = utf8[data.readUnsignedShort()]
      data.skipBytes(2)
      int attributes = data.readUnsignedShort()
      attributes.times {
        String attribute = utf8[data.readUnsignedShort()]
        int length = data.readInt()
        if (methods && attribute == 'Code') {
          data.skipBytes(4)
          int codeLength = data.readInt()
          code[name] = (code[name] ?: 0) + codeLength
          data.skipBytes(length - 8)
        } else {
          data.skipBytes(length)
        }
      }
    }
    return code
  }
  members(false)
  return members(true)
}

def request = new JsonSlurper().parse(new File(args[0]))
def results = request.files.collect { String path ->
  // @Library needs the library on the classpath to resolve; it generates no code of its own, so it is left out.
  String text = new File(path).getText('UTF-8').replaceAll(/(?m)^@Library\(.*\)\s*_\s*$/, '')
  def config = new CompilerConfiguration()
  config.sourceEncoding = 'UTF-8'
  def unit = new CompilationUnit(config)
  unit.addSource('WorkflowScript.groovy', text)
  try {
    unit.compile(Phases.CLASS_GENERATION)
    def classes = unit.classes.collect {
      Map code = methodCode(it.bytes)
      // The script's run() holds the pipeline call; each closure's doCall its body.
      [name: it.name, bytes: it.bytes.length, code: (code.run ?: 0) + (code.doCall ?: 0)]
    }
    [file: path, ok: true, classBytes: classes.sum { it.bytes } ?: 0, bytes: classes.sum { it.code } ?: 0, classes: classes.size()]
  } catch (Throwable e) {
    [file: path, ok: false, error: e.message]
  }
}
new File(args[1]).setText(JsonOutput.toJson(results), 'UTF-8')
