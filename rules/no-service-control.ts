/**
 * Guideline 4: installers must not create, start, control or reconfigure services; services
 * belong in the INF (AddService directive), where Windows tracks them.
 */
import { createRule, SERVICE_CONTROL_APIS, siteContext } from '../engine/index.js';
import { apiCallListener } from './support/api-call-listener.js';

type Options = [{ allowInFinishInstall?: boolean }];

export default createRule<'serviceControl' | 'serviceControlInteractive' | 'serviceControlAnywhere', Options>({
  name: 'no-service-control',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow creating, starting, controlling or reconfiguring services from installer code',
      guideline: 'Starting other processes or services',
      recommended: true,
    },
    messages: {
      serviceControl:
        '{{api}} runs while {{entryPoint}} handles {{difCode}}: installers must not start or control services. Install the service with an AddService directive in the INF instead.',
      serviceControlInteractive:
        '{{api}} runs in the finish-install action of {{entryPoint}} ({{difCode}}): services belong in the INF, installed with an AddService directive, where Windows tracks them.',
      serviceControlAnywhere:
        '{{api}} starts or controls a service: installers must not start or control services. Install the service with an AddService directive in the INF instead.',
    },
    schema: [
      {
        type: 'object',
        properties: { allowInFinishInstall: { type: 'boolean' } },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ allowInFinishInstall: false }],
  },
  create(context) {
    const model = context.services.installer;
    const allowInteractive = context.options[0]?.allowInFinishInstall === true;
    return apiCallListener(
      (name) => SERVICE_CONTROL_APIS.has(name),
      ({ api, call, target }) => {
        if (!model) {
          context.report({ node: target, messageId: 'serviceControlAnywhere', data: { api } });
          return;
        }
        const site =
          siteContext(model, context.filePath, call.startIndex, (c) => !c.interactive) ??
          (allowInteractive ? undefined : siteContext(model, context.filePath, call.startIndex));
        if (!site) return;
        context.report({
          node: target,
          messageId: site.context.interactive ? 'serviceControlInteractive' : 'serviceControl',
          data: { api, entryPoint: site.entryPoint, difCode: site.difCode },
          related: site.related,
        });
      },
    );
  },
});
