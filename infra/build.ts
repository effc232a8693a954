import { App, type AppProps, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { ResponderStack } from './responder-stack.js';
import { readSettings } from './settings.js';
import { StatefulStack } from './stateful-stack.js';

/** The whole CDK app: both stacks, with cdk-nag's AwsSolutions checks failing the synth on any finding. */
export function buildApp(env: Record<string, string | undefined> = process.env, props: AppProps = {}) {
  // Cross-stack references stay strong: the responder must not lose its table or secret underneath it.
  const app = new App({
    ...props,
    context: { '@aws-cdk/core:defaultCrossStackReferences': 'strong', ...props.context },
  });
  const settings = readSettings((name) => app.node.tryGetContext(name), env);
  const stateful = new StatefulStack(app, 'AccessFindingsState', {
    description: 'access-findings: state table and secrets',
  });
  const responder = new ResponderStack(app, 'AccessFindingsResponder', {
    description: 'access-findings: the responder function, its Slack API, findings queue and permissions',
    settings,
    table: stateful.table,
    secret: stateful.secret,
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, stateful, responder, settings };
}
