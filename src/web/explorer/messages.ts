/**
 * The texts of these pages, in English and Welsh (same shape; merged into the pages' messages by
 * src/web/i18n/en.ts and cy.ts, so components read them as `useT().<section>`).
 */

export const en = {
  explorer: {
    title: 'explorer (placeholder)',
  },
};

export const cy: typeof en = {
  explorer: {
    title: 'explorer (placeholder)',
  },
};
