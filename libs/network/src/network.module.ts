import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { NetworkDemoService } from './demo/network-demo.service.js';
import { NetworkImportService } from './import/network-import.service.js';
import { Mediator } from './mediator.entity.js';
import { MediatorsService } from './mediators.service.js';
import { OrgUnit } from './org-unit.entity.js';
import { OrgUnitsService } from './org-units.service.js';

/**
 * The mediation network: org units, mediators, their import and the demo network. Needs the
 * global AuditModule and PiiModule from the app.
 */
@Module({
  imports: [TypeOrmModule.forFeature([OrgUnit, Mediator])],
  providers: [OrgUnitsService, MediatorsService, NetworkImportService, NetworkDemoService],
  exports: [OrgUnitsService, MediatorsService, NetworkImportService, NetworkDemoService],
})
export class NetworkModule {}
