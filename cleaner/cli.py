"""Command line: a thin layer that parses arguments and calls the library."""

from __future__ import annotations

import click


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="cleaner")
def main() -> None:
    """Strip boilerplate from news articles and export a clean Parquet corpus."""


@main.command()
def build() -> None:
    """Clean every file under DIR and write a deduplicated Parquet corpus."""
    raise click.ClickException("not implemented yet")


@main.command()
def clean() -> None:
    """Print the cleaned text of one FILE."""
    raise click.ClickException("not implemented yet")


@main.command(name="eval")
def eval_() -> None:
    """Score cleaners against a labelled gold set, for quality and speed."""
    raise click.ClickException("not implemented yet")
