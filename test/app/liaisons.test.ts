import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app';
import { waitFor } from '@goodtime-help/slack-stand-in';

describe('liaisons from a user group', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ LIAISON_USERGROUP_ID: 'S0LIAISONS' });
    t.fake.addUserGroup({ id: 'S0LIAISONS', handle: 'gt-liaisons', users: [t.ben.id] });
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('when a member of the liaison group declares an incident, then the form opens; a non-member is refused', async () => {
    const member = await t.ben.runSlashCommand('incident', { channel: t.teamChannel });
    expect(member.ok).toBe(true);
    await t.ben.waitForModal({ title: 'Declare an incident' });

    const outsider = await t.ana.runSlashCommand('incident', { channel: t.teamChannel });
    expect(outsider.ok).toBe(true);
    await waitFor(() => JSON.stringify(outsider.body).includes('Only a project team liaison') || t.ana.ephemerals().some((e) => e.text?.includes('Only a project team liaison')));
  });

});
