/** JMH benchmarks of the admission engine. */
package io.berth.bench;
