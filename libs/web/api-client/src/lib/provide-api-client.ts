import { EnvironmentProviders, makeEnvironmentProviders } from '@angular/core';
import { provideApiConfiguration } from '../generated/api-configuration';

/**
 * Points the generated client at the same origin: the API lives under `/api` beside the app,
 * and every generated path already starts with `/api`.
 */
export function provideApiClient(rootUrl = ''): EnvironmentProviders {
  return makeEnvironmentProviders([provideApiConfiguration(rootUrl)]);
}
