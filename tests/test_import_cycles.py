"""No two files of ``workbench/`` reach each other through imports (issue 11).

Every import counts, those inside functions included: a cycle hidden in a function is
still a cycle to a reader who follows the imports.
"""

from __future__ import annotations

import grimp

PACKAGE = "workbench"


def import_cycles(graph: grimp.ImportGraph) -> list[list[str]]:
    """The groups of modules that import each other (strongly connected, two or more)."""
    groups: list[list[str]] = []
    seen: set[str] = set()
    for module in sorted(graph.modules):
        if module in seen:
            continue
        reached = graph.find_upstream_modules(module)  # what it imports, directly or not
        importers = graph.find_downstream_modules(module)  # what imports it
        group = {module} | (reached & importers)
        seen |= group
        if len(group) > 1:
            groups.append(sorted(group))
    return groups


def _shortest_loop(graph: grimp.ImportGraph, group: list[str]) -> str:
    first = group[0]
    for imported in sorted(graph.find_modules_directly_imported_by(first)):
        chain = graph.find_shortest_chain(importer=imported, imported=first)
        if chain:
            return " -> ".join((first, *chain))
    return first


def test_no_file_imports_itself_through_others() -> None:
    graph = grimp.build_graph(PACKAGE, include_external_packages=False)
    cycles = import_cycles(graph)
    assert not cycles, "import cycles between files:\n" + "\n".join(
        f"{len(group)} modules, e.g. {_shortest_loop(graph, group)}" for group in cycles)


def test_the_cycle_search_finds_a_cycle() -> None:
    """The search itself: a loop of three modules beside a chain that is none."""
    graph = grimp.ImportGraph()
    for importer, imported in (("p.a", "p.b"), ("p.b", "p.c"), ("p.c", "p.a"),
                               ("p.c", "p.d"), ("p.d", "p.e")):
        graph.add_import(importer=importer, imported=imported)
    assert import_cycles(graph) == [["p.a", "p.b", "p.c"]]


def test_every_task_finds_what_it_runs() -> None:
    """The tasks reach their jobs through the queue's registry (not an import, which
    made a cycle): each task has a function to run once the consumer's imports ran."""
    from huey.api import TaskWrapper

    from workbench.jobs import draft_jobs, service, tasks  # noqa: F401  (what the consumer loads)
    from workbench.jobs.queue import task_runner

    names = sorted(name for name, value in vars(tasks).items() if isinstance(value, TaskWrapper))
    assert names, "no Huey task found in workbench.jobs.tasks"
    for name in names:
        assert callable(task_runner(name)), name
