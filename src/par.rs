//! Work split over the cores: a long list cut into runs, one per core, each run given
//! to a closure on a thread of its own (the first on the calling thread), the results
//! in the list's order. Short lists, and a machine of one core, stay on this thread.

use std::sync::OnceLock;

/// The cores wg may use, asked once: the standard library reads the cgroup files to
/// answer, which costs more than a short list's work.
pub(crate) fn cores() -> usize {
    static CORES: OnceLock<usize> = OnceLock::new();
    *CORES.get_or_init(|| {
        std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .min(8)
    })
}

/// A thread's builder: every thread wg starts to share out work is started from one,
/// so that tests can count the threads a command started (see `started_here`).
pub(crate) fn builder() -> std::thread::Builder {
    #[cfg(test)]
    STARTED.with(|n| n.set(n.get() + 1));
    std::thread::Builder::new()
}

#[cfg(test)]
thread_local! {
    static STARTED: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// How many threads this thread has started through [`builder`].
#[cfg(test)]
pub(crate) fn started_here() -> usize {
    STARTED.with(std::cell::Cell::get)
}

/// How many runs `len` items make when each run should have at least `min` of them.
pub(crate) fn runs(len: usize, min: usize) -> usize {
    if len < min.saturating_mul(2) {
        return 1;
    }
    (len / min.max(1)).min(cores()).max(1)
}

/// The runs' items in one vector, in order, of exactly their number: collecting the
/// runs through `flatten()` grew the vector by doubling (up to twice the room, and the
/// copies of the moves) while the runs were still held.
pub fn concat<T>(runs: Vec<Vec<T>>) -> Vec<T> {
    let mut all = Vec::with_capacity(runs.iter().map(Vec::len).sum());
    for run in runs {
        all.extend(run);
    }
    all
}

/// Cuts `items` into runs of about equal length (at least `min` items each, at most
/// one per core) and calls `f(run_index, first_item_index, run)` for each, in
/// parallel. The results come back in the order of the runs. A thread that cannot be
/// started leaves its run to this thread.
pub fn map_runs<'a, T: Sync, R: Send>(
    items: &'a [T],
    min: usize,
    f: impl Fn(usize, usize, &'a [T]) -> R + Sync,
) -> Vec<R> {
    let n = runs(items.len(), min);
    let size = items.len().div_ceil(n.max(1)).max(1);
    let chunks: Vec<(usize, &'a [T])> = items
        .chunks(size)
        .enumerate()
        .map(|(k, run)| (k * size, run))
        .collect();
    if chunks.len() <= 1 {
        return chunks
            .into_iter()
            .enumerate()
            .map(|(k, (start, run))| f(k, start, run))
            .collect();
    }
    let f = &f;
    std::thread::scope(|scope| {
        let mut rest = chunks.iter().enumerate();
        let first = rest.next();
        let helpers: Vec<_> = rest
            .map(|(k, &(start, run))| {
                (
                    k,
                    start,
                    run,
                    builder().spawn_scoped(scope, move || f(k, start, run)).ok(),
                )
            })
            .collect();
        let mut out = Vec::with_capacity(chunks.len());
        if let Some((k, &(start, run))) = first {
            out.push(f(k, start, run));
        }
        for (k, start, run, helper) in helpers {
            // A helper that could not start, or died (a bug), has its run done here.
            match helper.and_then(|h| h.join().ok()) {
                Some(r) => out.push(r),
                None => out.push(f(k, start, run)),
            }
        }
        out
    })
}

/// How many pieces [`map`] cuts each thread's share of the items into.
const PIECES_A_THREAD: usize = 8;

/// Calls `f` on every item, a run of at least `min` items on each core (see
/// [`runs`]), for many cheap items (a task's view, a table's row, a calendar event);
/// the results come back in the items' order.
///
/// Each thread writes its results straight into their places in the one vector
/// returned: collecting a vector a run and then copying the runs into one (as
/// [`map_runs`] and [`concat`] would) wrote the 9 MB of 20,000 task views twice, into
/// fresh memory each time, a fifth of `tasks overdue`'s report at 100,000 tasks.
pub fn map<T: Sync, R: Send>(items: &[T], min: usize, f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    map_ahead(items, min, |_| {}, f)
}

/// [`map`], calling `ahead` on the item [`crate::swar::AHEAD`] places on before `f` on
/// each: to ask for the memory that item will need (see [`crate::swar::prefetch`])
/// while this one is worked on.
pub fn map_ahead<T: Sync, R: Send>(
    items: &[T],
    min: usize,
    ahead: impl Fn(&T) + Sync,
    f: impl Fn(&T) -> R + Sync,
) -> Vec<R> {
    use std::mem::MaybeUninit;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::{Mutex, PoisonError};
    let n = runs(items.len(), min);
    let each = |run: &[T], i: usize, item: &T| {
        if let Some(next) = run.get(i + crate::swar::AHEAD) {
            ahead(next);
        }
        f(item)
    };
    if n <= 1 {
        return items
            .iter()
            .enumerate()
            .map(|(i, item)| each(items, i, item))
            .collect();
    }
    // Cut finer than one run a thread, each thread taking the next piece as it is free:
    // items cost unevenly, and in a list's order (the most overdue tasks first, whose
    // views took longest) one half of an overdue list took twice the other.
    let size = items.len().div_ceil(n * PIECES_A_THREAD).max(1);
    let mut out: Vec<R> = Vec::with_capacity(items.len());
    let slots = out.spare_capacity_mut();
    let slots = slots.get_mut(..items.len()).unwrap_or_default();
    // The runs still to do, each with the slots of its results: taken by whichever
    // thread is free, so that a helper that cannot be started leaves its run to
    // this thread.
    let todo: Vec<(&[T], &mut [MaybeUninit<R>])> =
        items.chunks(size).zip(slots.chunks_mut(size)).collect();
    let runs = todo.len();
    let todo = Mutex::new(todo);
    let done = AtomicUsize::new(0);
    let work = || {
        loop {
            let next = todo.lock().unwrap_or_else(PoisonError::into_inner).pop();
            let Some((run, slots)) = next else { break };
            for (i, (item, slot)) in run.iter().zip(slots.iter_mut()).enumerate() {
                slot.write(each(run, i, item));
            }
            // Counted only once every slot of the run holds its result.
            done.fetch_add(1, Ordering::Release);
        }
    };
    std::thread::scope(|scope| {
        for _ in 1..n {
            let _ = builder().spawn_scoped(scope, work);
        }
        work();
    });
    if done.load(Ordering::Acquire) != runs {
        // Not reached: every run is done unless `f` panicked, and `scope` passes a
        // panic on before this. The count is checked all the same, as `set_len` rests
        // on it; what was written is forgotten (never dropped, never read).
        return items.iter().map(f).collect();
    }
    // SAFETY: the runs' slots are the first `items.len()` of the vector's room, each
    // in exactly one run (`chunks` and `chunks_mut` of one size cut both alike), and
    // every run was counted in `done` only after each of its slots was written; all
    // `runs` were, so all `items.len()` slots hold a result. A panic in `f` skips the
    // count, and comes back above.
    #[allow(unsafe_code)]
    unsafe {
        out.set_len(items.len());
    }
    out
}

/// Calls `f` on every item, the items handed out one at a time to a thread a core (a
/// work queue: a thread whose items were cheap, or whose core was free, takes the
/// next, where fixed runs would leave one core idle while the other finishes its
/// half). For items each worth a thread's start, like the offices of a roll-up. The
/// results come back in the items' order; an item whose thread could not start or
/// died (a bug) is done again on this thread.
pub fn map_queue<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    // One item stays on this thread without asking how many cores there are.
    if items.len() <= 1 {
        return items.iter().map(f).collect();
    }
    let threads = cores().min(items.len());
    if threads <= 1 {
        return items.iter().map(f).collect();
    }
    let next = AtomicUsize::new(0);
    // What one thread did: each item it took, by its index, with its result.
    let take = || {
        let mut done = Vec::new();
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(item) = items.get(i) else {
                return done;
            };
            done.push((i, f(item)));
        }
    };
    let mut slots: Vec<Option<R>> = std::iter::repeat_with(|| None).take(items.len()).collect();
    std::thread::scope(|scope| {
        let helpers: Vec<_> = (1..threads)
            .map(|_| builder().spawn_scoped(scope, take).ok())
            .collect();
        let mut all = take();
        for helper in helpers.into_iter().flatten() {
            if let Ok(done) = helper.join() {
                all.extend(done);
            }
        }
        for (i, r) in all {
            if let Some(slot) = slots.get_mut(i) {
                *slot = Some(r);
            }
        }
    });
    slots
        .into_iter()
        .zip(items)
        .map(|(slot, item)| slot.unwrap_or_else(|| f(item)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::map_runs;

    /// The office's forty tasks are loaded and reported on this thread alone: starting a
    /// thread, and asking how many cores there are, cost more than their work (the
    /// 40-task `wg tasks overdue` started one, a sixth of its start-up). Twenty thousand
    /// tasks do start threads, so the count is seen to count.
    #[test]
    fn the_office_s_data_starts_no_thread() {
        use crate::report::{agenda::agenda, evaluation, tasks};
        let run_everything = |dir: &std::path::Path| {
            let loaded = crate::load::load(dir).expect("the data loads");
            let data = &loaded.data;
            let today = chrono::NaiveDate::from_ymd_opt(2022, 1, 10).expect("a date");
            let filter = tasks::Filter::default();
            tasks::overdue(data, &filter, today, tasks::SummaryBy::Group);
            tasks::list(data, &filter, today);
            let q = crate::model::Quarter::of(today);
            agenda(data, 0, q, today, crate::model::Lang::Zh);
            evaluation::evaluate(data, q, today, evaluation::By::Group, "");
            data.task_by_id("none");
            data.tasks.min_of(|t| t.due);
        };
        let before = super::started_here();
        run_everything(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data"));
        assert_eq!(super::started_here(), before, "threads started for data/");

        let mut text = String::new();
        for i in 0..20_000 {
            text.push_str(&format!(
                "[[tasks]]\nid = \"T-{i}\"\ntitle = \"t\"\ngroup = \"g\"\ndue = 2021-12-01\n\n"
            ));
        }
        let dir = crate::load::tests::dir_with(&text);
        run_everything(dir.path());
        assert!(super::started_here() > before, "no thread for 20,000 tasks");
    }

    #[test]
    fn runs_cover_the_list_in_order() {
        for len in [0, 1, 5, 99, 100, 1000, 4097] {
            let items: Vec<usize> = (0..len).collect();
            let got: Vec<(usize, Vec<usize>)> =
                map_runs(&items, 50, |_, start, run| (start, run.to_vec()));
            let mut expected_start = 0;
            for (start, run) in &got {
                assert_eq!(*start, expected_start);
                assert_eq!(run.first().copied().unwrap_or(*start), *start);
                expected_start += run.len();
            }
            assert_eq!(expected_start, len);
            let flat: Vec<usize> = got.into_iter().flat_map(|(_, r)| r).collect();
            assert_eq!(flat, items);
        }
    }

    /// Every length around the runs' boundaries, with results that own memory (a
    /// result written to a wrong place, twice or never shows, or is freed twice).
    #[test]
    fn map_gives_every_result_in_its_place() {
        for len in [0, 1, 2, 3, 7, 8, 9, 99, 100, 101, 1000, 4097] {
            let items: Vec<usize> = (0..len).collect();
            for min in [1, 2, 3, 50] {
                let got = super::map(&items, min, |&i| format!("{i}"));
                let expected: Vec<String> = items.iter().map(|i| format!("{i}")).collect();
                assert_eq!(got, expected, "{len} items, runs of at least {min}");
            }
        }
    }

    /// `map_ahead` gives `map`'s results, and asks ahead for each item at most once,
    /// for all but the first few of each run (those nothing comes before).
    #[test]
    fn map_ahead_asks_for_items_still_to_come() {
        for len in [0, 5, 8, 9, 100, 5000] {
            let items: Vec<usize> = (0..len).collect();
            let asked = std::sync::Mutex::new(Vec::new());
            let got = super::map_ahead(&items, 100, |&i| asked.lock().unwrap().push(i), |&i| i * 2);
            assert_eq!(got, items.iter().map(|i| i * 2).collect::<Vec<_>>());
            let mut asked = asked.into_inner().unwrap();
            asked.sort_unstable();
            let before = asked.len();
            asked.dedup();
            assert_eq!(asked.len(), before, "{len} items: one asked for twice");
            // Every item but the first AHEAD of each piece a thread takes.
            let runs = super::runs(len, 100) * super::PIECES_A_THREAD;
            assert!(
                asked.len() + runs * crate::swar::AHEAD >= len,
                "{len}: {asked:?}"
            );
            assert!(asked.iter().all(|&i| i >= crate::swar::AHEAD && i < len));
        }
    }

    /// A panic in the closure, on whichever thread, is passed on as it is (by the
    /// threads' scope), and no vector of half-written results is ever made.
    #[test]
    fn a_panic_in_map_is_the_closures() {
        let items: Vec<usize> = (0..1000).collect();
        let caught = std::panic::catch_unwind(|| {
            super::map(&items, 10, |&i| {
                assert!(i != 999, "item 999");
                i.to_string()
            })
        });
        assert!(caught.is_err());
    }

    #[test]
    fn the_queue_gives_every_result_in_order() {
        for len in [0, 1, 2, 3, 100] {
            let items: Vec<usize> = (0..len).collect();
            let got = super::map_queue(&items, |&i| i * 2);
            assert_eq!(got, items.iter().map(|i| i * 2).collect::<Vec<_>>());
        }
    }
}
