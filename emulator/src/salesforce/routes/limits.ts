/** `GET /limits`: the org's allocations, with the daily API requests counted for real (docs/salesforce-facts.md#limits-ids-and-objects). */
export function limits(usage: { dailyApiLimit: number; apiRequests: number; emailsSent: number }): Record<string, { Max: number; Remaining: number }> {
  const fixed = (max: number) => ({ Max: max, Remaining: max });
  return {
    ConcurrentAsyncGetReportInstances: fixed(200),
    ConcurrentSyncReportRuns: fixed(20),
    DailyApiRequests: { Max: usage.dailyApiLimit, Remaining: Math.max(0, usage.dailyApiLimit - usage.apiRequests) },
    DailyAsyncApexExecutions: fixed(250000),
    DailyBulkApiBatches: fixed(15000),
    DailyBulkV2QueryFileStorageMB: fixed(976562),
    DailyBulkV2QueryJobs: fixed(10000),
    DailyStreamingApiEvents: fixed(10000),
    DataStorageMB: fixed(5),
    FileStorageMB: fixed(20),
    HourlyODataCallout: fixed(10000),
    MassEmail: fixed(10),
    SingleEmail: { Max: 15, Remaining: Math.max(0, 15 - usage.emailsSent) },
  };
}
