import { Toast, ToastBody, ToastTitle, useToastController } from '@fluentui/react-components';
import { createContext, useCallback, useContext } from 'react';

/** The id of the window's one Toaster (renderer/src/app/App.tsx provides it). */
const AppToasterContext = createContext<string | undefined>(undefined);

export const AppToasterProvider = AppToasterContext.Provider;

export interface AppToast {
  readonly title: string;
  readonly body?: string;
  readonly intent: 'success' | 'warning' | 'error' | 'info';
}

/**
 * Shows a result in the window's toaster, wherever the user now looks: a change that ends after its
 * dialog or row has gone (e.g. Remove Global Administrator) still says how it ended.
 */
export function useAppToast(): (toast: AppToast) => void {
  const toasterId = useContext(AppToasterContext);
  const { dispatchToast } = useToastController(toasterId);
  return useCallback(
    ({ title, body, intent }: AppToast) =>
      dispatchToast(
        <Toast>
          <ToastTitle>{title}</ToastTitle>
          {body !== undefined && <ToastBody>{body}</ToastBody>}
        </Toast>,
        { intent, timeout: intent === 'success' || intent === 'info' ? 8000 : 15000 },
      ),
    [dispatchToast],
  );
}
