// Jenkins' two branch comparators side by side in one JVM: GLOB as Comparator.GLOB calls it (Ant's
// SelectorUtils.matchPath(pattern, branch, false); Groovy ships ant.jar) and REGEXP as Comparator.REGEXP does
// (branch.matches(pattern)), both from jenkinsci/pipeline-model-definition-plugin, pipeline-model-definition/src/main/
// java/org/jenkinsci/plugins/pipeline/modeldefinition/when/utils/Comparator.java. Reads from args[0]
// {cases: [[globs, regex, branches]...], chars: [[glob, regex]...]} and writes to args[1] the branch names where an
// anyOf of the globs and the regex disagree, how many matched, and for `chars` every BMP character (but "/") on which
// the one-character glob and its regex disagree.
import groovy.json.JsonOutput
import groovy.json.JsonSlurper
import java.util.regex.Pattern
import org.apache.tools.ant.types.selectors.SelectorUtils

// Comparator.GLOB: "/" replaced by File.separatorChar first (on Linux "/" again); BranchConditional.branchMatches
// answers false for an empty branch before either comparator runs.
boolean glob(String pattern, String branch) {
  branch ? SelectorUtils.matchPath(pattern.replace('/', File.separator), branch.replace('/', File.separator), false) : false
}

def request = new JsonSlurper().parse(new File(args[0]), 'UTF-8')
def differ = []
int matched = 0
int pairs = 0
request.cases.each { c ->
  List globs = c[0]
  Pattern regex = Pattern.compile(c[1] as String)
  c[2].each { String branch ->
    boolean byGlob = globs.any { glob(it as String, branch) }
    boolean byRegex = branch ? regex.matcher(branch).matches() : false
    pairs++
    if (byGlob) matched++
    if (byGlob != byRegex) differ << [globs: globs, regex: c[1], branch: branch, glob: byGlob, regex_: byRegex]
  }
}
def charDiffer = []
request.chars.each { c ->
  Pattern regex = Pattern.compile(c[1] as String)
  for (int code = 0; code <= 0xFFFF; code++) {
    if (code == ('/' as char) as int) continue
    String s = String.valueOf((char) code)
    if (glob(c[0] as String, s) != regex.matcher(s).matches()) charDiffer << [glob: c[0], code: code]
  }
}
new File(args[1]).setText(JsonOutput.toJson([differ: differ.take(20), differCount: differ.size(), matched: matched, pairs: pairs, charDiffer: charDiffer.take(20), charDifferCount: charDiffer.size()]), 'UTF-8')
