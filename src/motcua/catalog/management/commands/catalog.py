import sys
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from motcua.catalog.exchange_export import build_catalog_document, export_json, export_xlsx
from motcua.catalog.exchange_format import CatalogFormatError
from motcua.catalog.services import ImportReport, import_catalog

# Below this many procedures an import is over before a progress bar is worth drawing.
PROGRESS_BAR_FROM = 200


class Command(BaseCommand):
    help = (
        "The procedure catalog in the motcua.catalog/1 format (docs/catalog-format.md): "
        "`catalog import FILE [--dry-run]`, `catalog export [--format json|xlsx] [--output FILE]`."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        importing = sub.add_parser(
            "import", help="Import a catalog file; all or nothing, every bad row is listed."
        )
        importing.add_argument("file", type=Path)
        importing.add_argument(
            "--dry-run", action="store_true", help="Validate and count, write nothing."
        )
        exporting = sub.add_parser("export", help="Write the latest version of every procedure.")
        exporting.add_argument("--format", choices=["json", "xlsx"], default="json")
        exporting.add_argument("--output", type=Path, help="File to write (default: stdout).")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "import":
            self._import(options["file"], dry_run=options["dry_run"])
        else:
            self._export(options["format"], options["output"])

    def _import(self, path: Path, *, dry_run: bool) -> None:
        try:
            raw = path.read_bytes()
        except OSError as error:
            raise CommandError(f"cannot read {path}: {error.strerror}") from error
        bar: tqdm[Any] | None = None
        show_bar = sys.stderr.isatty()

        def progress(done: int, total: int) -> None:
            nonlocal bar
            if bar is None and show_bar and total >= PROGRESS_BAR_FROM:
                bar = tqdm(total=total, unit="procedure", desc="import", file=sys.stderr)
            if bar is not None:
                bar.update(done - bar.n)

        try:
            report = import_catalog(
                raw=raw, source_name=path.name, dry_run=dry_run, progress=progress
            )
        except CatalogFormatError as error:
            for problem in error.problems:
                self.stderr.write(str(problem))
            raise CommandError(
                f"{len(error.problems)} lỗi trong {path.name}; không nhập gì "
                f"({len(error.problems)} problem(s) in {path.name}; nothing was imported)"
            ) from error
        finally:
            if bar is not None:
                bar.close()
        self.stdout.write(self._summary(report))

    def _summary(self, report: ImportReport) -> str:
        verb = "would write" if report.dry_run else "wrote"
        if not report.changed_anything:
            return f"nothing to change: {report.procedures_total} procedures, all unchanged"
        return (
            f"{verb} {report.procedures_created} new procedures, "
            f"{report.versions_created} new versions, {report.sectors_written} sectors; "
            f"{report.procedures_unchanged} procedures unchanged"
        )

    def _export(self, file_format: str, output: Path | None) -> None:
        document = build_catalog_document()
        if file_format == "xlsx":
            if output is None:
                raise CommandError("xlsx is a binary format: name a file with --output")
            content = export_xlsx(document)
        else:
            content = export_json(document)
        if output is None:
            self.stdout.write(content.decode(), ending="")
            return
        output.write_bytes(content)
        self.stdout.write(f"{len(document.procedures)} procedures written to {output}")
