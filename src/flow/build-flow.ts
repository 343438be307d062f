// Builds the whole flow for a model: the build parameters, the stages in order (build, deploys, manual rollback) with their preflights, and the pipeline's post block.
import type { Model } from '../config/model.js';
import { buildStage, deploySlotCustomStages } from './build-stages.js';
import { FlowContext } from './context.js';
import { environmentStages } from './deploy-stages.js';
import { withPreflights, type ProgramsOf } from './preflight.js';
import { manualRollbackGroup } from './rollback-stages.js';
import { NO_ROLLBACK, RESTORE_PARAM, REVISION_PARAM, ROLLBACK_PARAM, type Action, type Flow, type PostCondition } from './types.js';

/** The flow for a model; `programsOf` is the step registry's list of programs each library step runs (for the preflights). */
export function buildFlow(model: Model, programsOf: ProgramsOf): Flow {
  const ctx = new FlowContext(model);
  const stages = [
    buildStage(ctx),
    ...deploySlotCustomStages(ctx, 'before'),
    ...ctx.environments.flatMap((env) => environmentStages(ctx, env)),
    ...deploySlotCustomStages(ctx, 'after'),
    ...(ctx.manualRollback ? [manualRollbackGroup(ctx)] : []),
  ];
  return {
    library: model.jenkins.library,
    agent: model.agent,
    keepBuilds: model.jenkins.keepBuilds,
    preserveStashes: model.image !== null,
    triggers: { ...model.triggers },
    environment: [{ name: 'PW_APP', value: model.app }, ...(model.image ? [{ name: 'PW_IMAGE', value: model.image.name }] : [])],
    parameters: parameters(ctx),
    stages: withPreflights(model.agent, stages, programsOf),
    post: pipelinePost(ctx),
  };
}

/** The manual rollback's build parameters, when the flow offers one. */
function parameters(ctx: FlowContext): Flow['parameters'] {
  const parameters: Flow['parameters'] = [];
  if (!ctx.manualRollback) return parameters;
  const envs = ctx.rollbackEnvironments().map((e) => e.name);
  parameters.push(
    {
      kind: 'choice',
      name: ROLLBACK_PARAM,
      choices: [NO_ROLLBACK, ...envs],
      description: 'Manual rollback: the environment to roll back ("-" builds and deploys as usual).',
    },
    {
      kind: 'string',
      name: REVISION_PARAM,
      defaultValue: '',
      description: 'Manual rollback: the deploy-history revision to restore (empty: the one before the current).',
    },
  );
  if (ctx.rollbackEnvironments().some((e) => e.database !== null)) {
    parameters.push({
      kind: 'boolean',
      name: RESTORE_PARAM,
      defaultValue: false,
      description: "Manual rollback: also restore the environment's database from its newest backup.",
    });
  }
  return parameters;
}

function pipelinePost(ctx: FlowContext): Flow['post'] {
  const post: Flow['post'] = [];
  const add = (condition: PostCondition, actions: Action[]): void => {
    if (actions.length) post.push({ condition, actions });
  };
  add('always', [{ kind: 'step', step: 'pwRecordMetrics', args: { app: ctx.model.app, agent: ctx.borrow } }]);
  add('success', ctx.notify('success', null, true));
  // An unstable or aborted build gets the failure route's message too, saying which it was.
  add('unsuccessful', ctx.notify('failure', null, true));
  return post;
}
