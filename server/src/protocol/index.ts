// What the client and the server share: settings, custom messages, command ids. Imports nothing else of ours.
export * from './settings';
export * from './requests';
export * from './commands';
