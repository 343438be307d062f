// Stands in for pipeline-input-step's ApproverAction in the simulator: the record Jenkins adds to a build when a user approves an input.
package org.jenkinsci.plugins.workflow.support.steps.input

/**
 * As in jenkinsci/pipeline-input-step-plugin, src/main/java/org/jenkinsci/plugins/workflow/support/steps/input/ApproverAction.java:
 * an invisible action holding the approving user's ID. InputStepExecution.proceed adds one to the run (getRun().addAction)
 * for each approval given by a signed-in user; nothing a sandboxed Jenkinsfile can call adds one.
 */
class ApproverAction {
  final String userId

  ApproverAction(String userId) {
    this.userId = userId
  }
}
