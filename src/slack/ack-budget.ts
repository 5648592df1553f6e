// Slack waits 3 s for an acknowledgement. What must be stored before it gets this long at most; past it, the
// person is told it was not saved (and `whenLate` runs once the slow write settles, so it changes nothing).
const ACK_BUDGET_MS = 2_000;

export async function withinAckBudget<T>(work: Promise<T>, whenLate: () => Promise<void>, budgetMs = ACK_BUDGET_MS): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), budgetMs);
  });
  try {
    const first = await Promise.race([work, late]);
    if (first !== 'late') return first;
    void work.then(whenLate, () => undefined).catch(() => undefined);
    return undefined;
  } finally {
    clearTimeout(timer);
  }
}
