// Stands in for Jenkins core's hudson.model.User in the simulator: the lookup and the group list a library step may read.
package hudson.model

/**
 * getById and getAuthorities as Jenkins core's User has them (jenkinsci/jenkins, core/src/main/java/hudson/model/User.java):
 * getAuthorities lists the user's groups (the security realm's authorities, without "authenticated" and the user's own
 * ID), and only to a caller with Overall/Administer, which a build running as SYSTEM is; the simulator's build is.
 */
class User {
  /** The scenario's users: ID -> [groups: [...], admin: true|false]; the simulator sets it per scenario. */
  static Map USERS = [:]

  String id

  static User getById(String id, boolean create) {
    if (id == null) return null
    return USERS.containsKey(id) || create ? new User(id: id) : null
  }

  List<String> getAuthorities() {
    Map user = USERS[id] as Map ?: [:]
    return ((user.groups ?: []) as List).collect { it.toString() }.sort { a, b -> a.compareToIgnoreCase(b) }
  }
}
