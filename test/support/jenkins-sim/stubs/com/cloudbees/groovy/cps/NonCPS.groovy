// Stands in for groovy-cps' NonCPS annotation in the simulator, which runs every method directly (it has no CPS transform).
package com.cloudbees.groovy.cps

import java.lang.annotation.ElementType
import java.lang.annotation.Retention
import java.lang.annotation.RetentionPolicy
import java.lang.annotation.Target

/** Marks a method that Jenkins runs without the CPS transform (com.cloudbees.groovy.cps.NonCPS in jenkinsci/groovy-cps). */
@Retention(RetentionPolicy.RUNTIME)
@Target([ElementType.METHOD, ElementType.CONSTRUCTOR])
@interface NonCPS {
}
