/** Where the session and the organisation tree are read: started by the entry (main.tsx), taken by the session. */
export const SESSION_PATH = '/api/v1/session';
export const ORGANISATIONS_PATH = '/api/v1/organisations';
