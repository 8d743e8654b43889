/**
 * Moving between the console's pages without reloading: a context with the console's navigation and
 * session, and a link that uses it (an ordinary link when opened in a new tab or with a modifier key).
 */
import type { ComponentChildren } from 'preact';
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';

export interface ConsoleContext {
  /** Shows the console page at an address (/console/…). */
  go(to: string): void;
  /** The session has ended: ask to log in again. */
  loggedOut(): void;
}

export const ConsoleNav = createContext<ConsoleContext>({
  go: (to) => location.assign(to),
  loggedOut: () => location.reload(),
});

/** The console's navigation and session. */
export function useConsole(): ConsoleContext {
  return useContext(ConsoleNav);
}

/** The console address of an election's page. @example `consoleHref('leader-2026', 'roll')` → `/console/leader-2026/roll` */
export function consoleHref(election?: string, sub?: string): string {
  return ['/console', election && encodeURIComponent(election), sub].filter(Boolean).join('/');
}

/** A link within the console. */
export function Link({
  href,
  children,
  class: className,
}: {
  href: string;
  children: ComponentChildren;
  class?: string;
}) {
  const { go } = useConsole();
  return (
    <a
      href={href}
      class={className}
      onClick={(e) => {
        if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
        e.preventDefault();
        go(href);
      }}
    >
      {children}
    </a>
  );
}
