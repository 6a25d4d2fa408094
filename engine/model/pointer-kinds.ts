/** What a function whose address is taken becomes: a thread, a dialog procedure, a page procedure, a window procedure. */
import type { PointerKind } from './summary-types.js';

const THREAD_STARTERS = new Set([
  'CreateThread',
  'CreateRemoteThread',
  'CreateRemoteThreadEx',
  '_beginthread',
  '_beginthreadex',
  'QueueUserWorkItem',
  'CreateThreadpoolWork',
  'TrySubmitThreadpoolCallback',
  'CreateThreadpoolTimer',
  'CreateThreadpoolWait',
  'RegisterWaitForSingleObject',
  'CreateTimerQueueTimer',
  'SHCreateThread',
  'AfxBeginThread',
]);

export function pointerKindOfCall(name: string): PointerKind {
  if (THREAD_STARTERS.has(name)) return 'thread';
  if (/^(DialogBox|CreateDialog)(Indirect)?(Param)?[AW]?$/.test(name)) return 'dialog';
  return 'pointer';
}

export function pointerKindOfField(member: string | undefined): PointerKind {
  if (member === 'pfnDlgProc' || member === 'pfnCallback') return 'page';
  if (member === 'lpfnWndProc') return 'wndproc';
  return 'pointer';
}
