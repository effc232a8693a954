/**
 * The baseline: a minimal Bolt app on the same Lambda receiver, whose listeners only ack. The
 * benchmark measures the app against it, in the same run and wrapped the same way.
 */
import { App, AwsLambdaReceiver } from '@slack/bolt';

const receiver = new AwsLambdaReceiver({
  signingSecret: process.env.SLACK_SIGNING_SECRET ?? '',
  logLevel: 'error' as never,
});
const app = new App({ receiver, authorize: async () => ({}), logLevel: 'error' as never });
app.action(/.*/, async ({ ack }) => {
  await ack();
});
app.command(/.*/, async ({ ack }) => {
  await ack();
});
const boltHandler = receiver.toHandler();

/** API Gateway's event in, Bolt's answer out. */
export const handler = (event: unknown, context: unknown) => boltHandler(event as never, context);
