import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule, PiiModule } from '@heqi/core';
import { NetworkDemoService } from './demo/network-demo.service.js';
import { NetworkImportService } from './import/network-import.service.js';
import { Mediator } from './mediator.entity.js';
import { MediatorsService } from './mediators.service.js';
import { OrgUnit } from './org-unit.entity.js';
import { OrgUnitsService } from './org-units.service.js';

/**
 * The mediation network: org units, mediators, their import and the demo network. Audit and PII
 * are global modules; importing them here too keeps the context whole in any app (the worker's
 * assignment will need it) at no cost, since Nest makes one instance of each.
 */
@Module({
  imports: [TypeOrmModule.forFeature([OrgUnit, Mediator]), AuditModule, PiiModule],
  providers: [OrgUnitsService, MediatorsService, NetworkImportService, NetworkDemoService],
  exports: [OrgUnitsService, MediatorsService, NetworkImportService, NetworkDemoService],
})
export class NetworkModule {}
