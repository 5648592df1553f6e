// Bolt wiring for incidents: ack → parse (zod) → one service call → render → send.
import { z } from 'zod';
import { crashPoint } from '../crash-points';
import type { Logger } from '../logger';
import { decodeMetadata, encodeMetadata } from '../slack/private-metadata';
import type { SlackListeners } from '../slack/listeners';
import { buttonValue } from '../slack/routes';
import { submitClick, submitForm } from '../slack/intents';
import { validateForm } from '../slack/view-state';
import { openLoadingModal, viewText } from '../slack/modals';
import { moveRefusal, type Incident } from './incident';
import { declareFormSchema, linkFormSchema, toDeclareInput, toLinkInput, updateFormSchema } from './incident-form';
import { IncidentCommands, IncidentIds } from './incident-ids';
import { buildDeclareModal, buildLinkModal, buildStatusList, buildUpdateModal, confirmationThanks } from './incident-blocks';
import type { IncidentService } from './incident-service';

const B = IncidentIds.block;
const declareMetadata = z.object({ channelId: z.string().optional() });
const incidentMetadata = z.object({ incidentId: z.string() });

export interface IncidentListenerDeps {
  service: IncidentService;
  areas: readonly string[];
  statusPageUrl?: string;
  logger: Logger;
}

export const incidentListeners = (deps: IncidentListenerDeps): SlackListeners => ({ routes, commands, intents }) => {
  // What a form or a click asks of an incident, stored before Slack is answered (slack/intents.ts).
  const link = intents.define(
    IncidentIds.linkView,
    z.object({ incidentId: z.string(), userId: z.string(), questionIds: z.array(z.string()), ticketKeys: z.array(z.string()), originKey: z.string() }),
    (p) => deps.service.link(p.incidentId, p.userId, { questionIds: p.questionIds, ticketKeys: p.ticketKeys }, p.originKey),
  );
  const confirm = intents.define('incident.confirm', z.object({ incidentId: z.string(), userId: z.string(), works: z.boolean() }), (p) => deps.service.confirm(p.incidentId, p.userId, p.works));
  const { service } = deps;
  const declareForm = declareFormSchema(deps.areas);
  // Stored before the form closed: if planning fails now, the worker's reconcile plans it within seconds. Telling the
  // liaison to try again would broadcast it twice.
  const broadcastStored = async (incident: Incident) => {
    try {
      await service.broadcast(incident);
    } catch (error) {
      deps.logger.warn({ incidentId: incident.id, err: error }, 'incident stored but not planned yet; the broadcast worker will plan it');
    }
  };

  commands.add({
    name: IncidentCommands.incident,
    usage: 'incident',
    description: 'Declare a system-wide incident and broadcast it to every subscriber (liaisons).',
    handle: async ({ ack, body, client }) => {
      await ack();
      await service.canDeclare(body.user_id);
      const privateMetadata = encodeMetadata(declareMetadata, { channelId: body.channel_id });
      await client.views.open({ trigger_id: body.trigger_id, view: viewText(buildDeclareModal(deps.areas, privateMetadata)) });
    },
  });

  // App Home's "Declare an incident": the same form, from the liaison's home.
  routes.action(IncidentIds.declareFromHome, async ({ ack, body, client }) => {
    await ack();
    await service.canDeclare(body.user.id);
    const privateMetadata = encodeMetadata(declareMetadata, {});
    await client.views.open({ trigger_id: body.trigger_id, view: viewText(buildDeclareModal(deps.areas, privateMetadata)) });
  });

  commands.add({
    name: IncidentCommands.status,
    usage: 'status',
    description: 'List the incidents going on right now.',
    handle: async ({ ack, respond }) => {
      await ack();
      await respond({ response_type: 'ephemeral', ...buildStatusList(await service.listActivePublished(), deps.statusPageUrl) });
    },
  });

  routes.view(IncidentIds.declareView, async ({ ack, body, view }) => {
    const form = validateForm(declareForm, view.state.values);
    if (!form.ok) return ack({ response_action: 'errors', errors: form.errors });
    // Stored before the form closes: what the liaison saw accepted survives a crash right after.
    const { incident, created } = await service.recordDeclaration(`view:${view.id}`, body.user.id, toDeclareInput(form.value));
    await ack();
    crashPoint('incident.declared');
    if (created) await broadcastStored(incident);
  });

  routes.view(IncidentIds.updateView, async ({ ack, body, view }) => {
    const form = validateForm(updateFormSchema, view.state.values);
    if (!form.ok) return ack({ response_action: 'errors', errors: form.errors });
    const { incidentId } = decodeMetadata(incidentMetadata, view.private_metadata);
    const status = form.value[B.status];
    const refusal = moveRefusal((await service.get(incidentId)).status, status);
    if (refusal) return ack({ response_action: 'errors', errors: { [B.status]: refusal } });
    const { incident, created } = await service.recordUpdate(`view:${view.id}`, incidentId, body.user.id, { status, message: form.value[B.message] });
    await ack();
    crashPoint('incident.updated');
    if (created) await broadcastStored(incident);
  });

  routes.view(IncidentIds.linkView, async ({ ack, body, view }) => {
    await service.canLink(body.user.id); // refused in the form, before anything is stored
    const form = validateForm(linkFormSchema, view.state.values);
    if (!form.ok) return ack({ response_action: 'errors', errors: form.errors });
    const input = toLinkInput(form.value);
    const unknown = await service.unknownTickets(input.ticketKeys);
    if (unknown.length > 0) return ack({ response_action: 'errors', errors: { [B.tickets]: `No ticket ${unknown.join(', ')}. Check the number on the ticket's card.` } });
    const { incidentId } = decodeMetadata(incidentMetadata, view.private_metadata);
    await submitForm(link, { ack, view }, B.tickets, { incidentId, userId: body.user.id, ...input, originKey: `view:${view.id}` });
  });

  routes.action(IncidentIds.postUpdate, async ({ ack, body, action, client }) => {
    await ack();
    const incidentId = buttonValue(action);
    await service.canUpdate(body.user.id);
    const modal = await openLoadingModal(client, body.trigger_id, 'Post an update');
    await modal.fill(async () => buildUpdateModal(await service.updatable(incidentId, body.user.id), encodeMetadata(incidentMetadata, { incidentId })));
  });

  routes.action(IncidentIds.link, async ({ ack, body, action, client }) => {
    await ack();
    const incidentId = buttonValue(action);
    await service.canLink(body.user.id);
    const modal = await openLoadingModal(client, body.trigger_id, 'Link to the incident');
    await modal.fill(async () => {
      const { incident, openQuestions } = await service.linkable(incidentId, body.user.id);
      return buildLinkModal({ incident, openQuestions, ticketsEnabled: service.ticketsEnabled, privateMetadata: encodeMetadata(incidentMetadata, { incidentId }) });
    });
  });

  for (const [actionId, works] of [[IncidentIds.confirmWorks, true], [IncidentIds.confirmBroken, false]] as const) {
    routes.action(actionId, async ({ ack, body, action, respond }) => {
      const incident = await submitClick(confirm, { ack, body, action, respond }, { incidentId: buttonValue(action), userId: body.user.id, works });
      if (!incident) return;
      await respond({ replace_original: true, ...confirmationThanks(incident, works) });
    });
  }
};
