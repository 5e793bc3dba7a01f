import { useSyncExternalStore } from 'react';

const subscribe = () => () => {};

/**
 * False in the server's HTML and until React has taken the page over, then true. Forms keep their submit
 * button disabled until then: a submit before hydration would reach no handler and send the fields (passwords
 * among them) in the address as a plain GET.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}
