/** NG-ZORRO tag colours of the credit grades. */
export function gradeColor(grade: string): string {
  return ({ A: 'green', B: 'cyan', C: 'orange', D: 'red' } as Record<string, string>)[grade] ?? 'default';
}
