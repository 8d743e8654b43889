#!/usr/bin/env node
/**
 * The `psephos` command line. Each command lives in its own module and registers itself here.
 * Exit codes: 0 success; 1 the job ran and found a problem (a failed verification); 2 bad usage or
 * an input that cannot be read.
 */
import { Command, CommanderError } from 'commander';
import { registerDemoCommand } from './demo.ts';
import { registerRollCommands } from './roll.ts';
import { registerVerifyCommand } from './verify.ts';

const program = new Command('psephos')
  .description('Psephos: end-to-end verifiable online voting for membership organisations')
  .showHelpAfterError()
  .exitOverride();

registerDemoCommand(program);
registerRollCommands(program);
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
