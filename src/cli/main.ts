#!/usr/bin/env node
/**
 * The `psephos` command line. Each command lives in its own module and registers itself here.
 * Exit codes (exit.ts): 0 done; 1 the job ran and found a problem (a failed verification); 2 bad usage
 * or an input that cannot be read; 3 a server (Psephos, database, mail) cannot be reached; 4 the server
 * refused (unknown election, wrong state, not authorised).
 */
import { Command, CommanderError } from 'commander';
import { registerAdminCommands } from './admin.ts';
import { registerCredentialsCommands } from './credentials.ts';
import { registerDemoCommand } from './demo.ts';
import { registerExportCommand } from './export.ts';
import { registerInitCommand } from './init.ts';
import { registerReportCommand } from './report.ts';
import { registerRollCommands } from './roll.ts';
import { registerServeCommand } from './serve.ts';
import { registerTrusteeCommands } from './trustee.ts';
import { registerVerifyCommand } from './verify.ts';

const program = new Command('psephos')
  .description('Psephos: end-to-end verifiable online voting for membership organisations')
  .showHelpAfterError()
  .exitOverride();

registerServeCommand(program);
registerAdminCommands(program);
registerInitCommand(program);
registerCredentialsCommands(program);
registerDemoCommand(program);
registerExportCommand(program);
registerReportCommand(program);
registerRollCommands(program);
registerTrusteeCommands(program);
registerVerifyCommand(program);

try {
  await program.parseAsync();
} catch (e) {
  if (e instanceof CommanderError) process.exitCode = e.exitCode === 0 ? 0 : 2;
  else {
    process.stderr.write(`psephos: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 2;
  }
}
