// The real Ant matcher Jenkins' `when { branch }` uses: Comparator.GLOB calls SelectorUtils.matchPath(pattern, branch,
// false) (pipeline-model-definition-plugin, when/utils/Comparator.java). Groovy ships ant.jar, so this is Ant itself.
// Reads [[pattern, branch], ...] from args[0] and writes [true|false, ...] to args[1].
import groovy.json.JsonOutput
import groovy.json.JsonSlurper
import org.apache.tools.ant.types.selectors.SelectorUtils

def pairs = new JsonSlurper().parse(new File(args[0]))
def results = pairs.collect { pair ->
  // Comparator.GLOB replaces "/" with File.separatorChar first; on Linux that is "/" again.
  SelectorUtils.matchPath(pair[0].replace('/', File.separator), pair[1].replace('/', File.separator), false)
}
new File(args[1]).text = JsonOutput.toJson(results)
