/**
 * The texts of the console's roll import and voter invitation pages, in English and Welsh (same shape;
 * merged into the pages' messages by src/web/i18n/en.ts and cy.ts, read as `useT().roll` and
 * `useT().invitations`).
 */

export const en = {
  roll: {
    title: 'Membership roll (placeholder)',
  },
  invitations: {
    title: 'Invitations (placeholder)',
  },
};

export const cy: typeof en = {
  roll: {
    title: 'Membership roll (placeholder)',
  },
  invitations: {
    title: 'Invitations (placeholder)',
  },
};
