"""What the store tests share: several processes claiming one key at the same moment."""

import multiprocessing


def claimed_at_once(claim, *args, claimants: int = 4) -> list[bool]:
    """What ``claim(*args, results)`` put in ``results`` in each of several fresh processes started
    together, as workers on several machines would claim one part; sorted."""
    context = multiprocessing.get_context("spawn")
    results = context.Queue()
    processes = [context.Process(target=claim, args=(*args, results)) for _ in range(claimants)]
    for process in processes:
        process.start()
    for process in processes:
        process.join(60)
    return sorted(results.get(timeout=5) for _ in processes)
