import { Module } from '@nestjs/common';
import { CasesModule } from '@heqi/cases';
import { NetworkModule } from '@heqi/network';
import { HotlineImportService } from './import/hotline-import.service.js';
import { IntakeService } from './intake.service.js';
import { EmployerClusters } from './pipeline/employer-clusters.service.js';
import { IntakeWriter } from './pipeline/intake-writer.service.js';
import { JurisdictionResolver } from './routing/jurisdiction-resolver.service.js';
import { UnitDirectory } from './routing/unit-directory.service.js';

/**
 * Case intake: 12345 orders (push, batch, import) and staff registrations, read for missing
 * facts, placed in the network and created through the cases context. Needs the app's global
 * config, audit and PII modules.
 */
@Module({
  imports: [CasesModule, NetworkModule],
  providers: [
    IntakeService,
    HotlineImportService,
    JurisdictionResolver,
    UnitDirectory,
    EmployerClusters,
    IntakeWriter,
  ],
  exports: [IntakeService, HotlineImportService, JurisdictionResolver, UnitDirectory],
})
export class IntakeModule {}
