/** Discrete-event cluster simulator driving the unchanged admission engine in virtual time. */
package io.berth.sim;
