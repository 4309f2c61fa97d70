export * from './pipeline-probe.entity.js';
export * from './pipeline-probes.service.js';
export * from './probe.module.js';
