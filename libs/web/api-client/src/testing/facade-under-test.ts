import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { type Type } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideApiClient } from '../lib/provide-api-client';

/** A context facade on the generated client, against the HTTP test backend (the specs assert the requests it builds). */
export function facadeUnderTest<T>(facade: Type<T>): { api: T; http: HttpTestingController } {
  TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting(), provideApiClient()] });
  return { api: TestBed.inject(facade), http: TestBed.inject(HttpTestingController) };
}
