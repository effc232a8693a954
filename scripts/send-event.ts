/**
 * Feeds an EventBridge event (a JSON file) through the Lambda handler with the settings in .env:
 * `npm run send-event -- test/fixtures/events/external-with-condition.json` posts it to the channel.
 */
import { existsSync, readFileSync } from 'node:fs';
import { makeHandler } from '../src/lambda.js';

const file = process.argv[2];
if (!file) {
  console.error('usage: npm run send-event -- <event.json>');
  process.exit(2);
}
if (existsSync('.env')) process.loadEnvFile('.env');
const result = await makeHandler(process.env)(JSON.parse(readFileSync(file, 'utf8')));
console.log(result === undefined ? 'done' : JSON.stringify(result));
