export * from './demo-accounts';
export * from './demo-banner';
export * from './demo-loader';
export * from './demo-second-consultancy';
