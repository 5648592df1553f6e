// Open a modal at once (trigger_id lives 3 s), then fill it when the slow part is done.
import type { ModalView } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import { AppError } from '../errors';
import { errorText, messageModal } from './error-handler';

/**
 * A view as the Web API carries it, JSON text (its requests are form-encoded, so an object is turned into text in any
 * case). Handed over as text, it spares @slack/web-api walking every block of it twice a call, to build debug lines
 * that it builds whatever the log level: about a tenth of a slash command's CPU. For views.open, update and push.
 */
export const viewText = (view: ModalView): ModalView => JSON.stringify(view) as unknown as ModalView;

export interface LoadingModal {
  viewId: string;
  replace(view: ModalView): Promise<void>;
  showMessage(text: string): Promise<void>;
  /** Build the view; a known error is shown in the modal itself instead. */
  fill(build: () => Promise<ModalView>): Promise<void>;
}

export async function openLoadingModal(client: WebClient, triggerId: string, title: string): Promise<LoadingModal> {
  const opened = await client.views.open({ trigger_id: triggerId, view: viewText(messageModal(title, ':hourglass_flowing_sand: Loading…')) });
  const viewId = opened.view?.id ?? '';
  const replace = async (view: ModalView) => {
    await client.views.update({ view_id: viewId, view: viewText(view) });
  };
  const showMessage = (text: string) => replace(messageModal(title, text));
  return {
    viewId,
    replace,
    showMessage,
    async fill(build) {
      try {
        await replace(await build());
      } catch (error) {
        if (error instanceof AppError) await showMessage(errorText(error));
        else {
          await showMessage(':warning: Sorry, this could not be loaded. Please try again.');
          throw error;
        }
      }
    },
  };
}
