package io.berth.sim.report;

/**
 * Capacity left free while work waited: the integral over time of (capacity - used), counted only
 * while at least one workload was pending, in resource-hours (cpu: core-hours, memory: GiB-hours,
 * GPUs: GPU-hours). pendingHours is how long at least one workload was pending. High values mean
 * the pending work could not use the free capacity (quota, fit, fragmentation or policy).
 */
public record IdleCapacity(double pendingHours, double cpuCoreHours, double memoryGiBHours, double gpuHours) {
}
