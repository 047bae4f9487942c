export * from './authorization';
export * from './caller';
export * from './identity.module';
export * from './partnership-directory';
export * from './tenancy.guard';
export * from './token.service';
