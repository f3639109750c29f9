"""`python -m eventmap export`: the same pictures and data without a browser."""

import argparse
import io
import json
from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from PIL import Image

from base.settings import Settings
from eventmap.export.cli import register
from eventmap.export.tables import events_csv


@pytest.fixture
def data_file(tmp_path: Path, war_week: pd.DataFrame) -> Path:
    path = tmp_path / "war.csv"
    path.write_bytes(events_csv(war_week))
    return path


@pytest.fixture
def settings(tmp_path: Path, data_file: Path) -> Settings:
    return replace(Settings.from_env({}), data_path=data_file, state_dir=tmp_path / "state",
                   overrides_path=tmp_path / "overrides.csv")


def run(argv: list[str], settings: Settings) -> tuple[int, str, str]:
    parser = argparse.ArgumentParser(prog="python -m eventmap")
    register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(["export", *argv])
    out, err = io.StringIO(), io.StringIO()
    code = args.handler(args, out=out, err=err, settings=settings)
    return code, out.getvalue(), err.getvalue()


def test_png_of_two_days_with_the_default_size(tmp_path: Path, settings: Settings) -> None:
    target = tmp_path / "out" / "oct8.png"
    code, out, err = run(["--png", str(target), "--from", "2020-10-08", "--to", "9 October 2020"], settings)
    assert code == 0, err
    assert Image.open(target).size == (1920, 1080)
    assert "5 of 9 events selected" in out
    assert f"wrote {target}" in out


@pytest.mark.parametrize(("options", "size"), [(["--size", "1024x768"], (1024, 768)), (["--dpi", "100"], (1169, 827))])
def test_sizes(tmp_path: Path, settings: Settings, options: list[str], size: tuple[int, int]) -> None:
    target = tmp_path / "map.png"
    code, _, err = run(["--png", str(target), *options], settings)
    assert code == 0, err
    assert Image.open(target).size == size


def test_every_output_at_once_shows_the_same_events(tmp_path: Path, settings: Settings) -> None:
    paths = {kind: tmp_path / f"all.{kind}" for kind in ("png", "gif", "csv", "geojson", "html")}
    argv = ["--side", "Azerbaijan", "--type", "Battles", "--size", "640x400", "--lang", "ar", "--naming", "both"]
    for kind, path in paths.items():
        argv += [f"--{kind}", str(path)]
    code, out, err = run(argv, settings)
    assert code == 0, err
    assert "2 of 9 events selected" in out
    assert Image.open(paths["gif"]).n_frames == 6  # 4 to 9 October
    rows = paths["csv"].read_text(encoding="utf-8-sig").splitlines()
    assert len(rows) == 3
    assert len(json.loads(paths["geojson"].read_text(encoding="utf-8"))["features"]) == 2
    page = paths["html"].read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") or page.lstrip().lower().startswith("<!doctype html>")


def blue_pixels(path: Path) -> int:
    image = np.asarray(Image.open(path).convert("RGB")).astype(int)
    return int((np.abs(image - [0x00, 0x72, 0xB2]).sum(axis=2) < 40).sum())


def test_the_bbox_sets_the_extent(tmp_path: Path, settings: Settings) -> None:
    fitted, elsewhere = tmp_path / "fitted.png", tmp_path / "elsewhere.png"
    assert run(["--png", str(fitted), "--size", "1024x768", "--no-towns"], settings)[0] == 0
    assert run(["--png", str(elsewhere), "--size", "1024x768", "--bbox", "50,10,51,11"], settings)[0] == 0
    marker_area = 150  # a filled marker of 17 px (the legend's blue swatch is in both pictures)
    assert blue_pixels(fitted) > blue_pixels(elsewhere) + marker_area


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        ([], "nothing to write"),
        (["--png", "{tmp}/x.png", "--from", "31/02/2020"], "--from"),
        (["--png", "{tmp}/x.png", "--from", "2020-10-09", "--to", "2020-10-01"], "after --to"),
        (["--png", "{tmp}/x.png", "--bbox", "1,2,3"], "S,W,N,E"),
        (["--png", "{tmp}/x.png", "--size", "huge"], "1920x1080"),
        (["--png", "{tmp}/x.png", "--lang", "xx"], "--lang"),
        (["--csv", "{data}"], "refusing to overwrite the data file"),
        (["--png", "{tmp}"], "is a folder"),
        (["--gif", "{tmp}/x.gif", "--step", "0"], "step"),
    ],
)
def test_bad_arguments_write_nothing_and_say_why(tmp_path: Path, settings: Settings, data_file: Path,
                                                 argv: list[str], message: str) -> None:
    before = data_file.read_bytes()
    argv = [a.replace("{tmp}", str(tmp_path)).replace("{data}", str(data_file)) for a in argv]
    code, _, err = run(argv, settings)
    assert code == 2
    assert message in err
    assert not (tmp_path / "x.png").exists()
    assert data_file.read_bytes() == before


def test_a_missing_data_file_is_a_clear_error(tmp_path: Path, settings: Settings) -> None:
    code, _, err = run(["--png", str(tmp_path / "x.png"), "--data", str(tmp_path / "nope.csv")], settings)
    assert code == 2
    assert "nope.csv" in err


def test_size_and_dpi_exclude_each_other(settings: Settings) -> None:
    with pytest.raises(SystemExit):
        run(["--png", "x.png", "--size", "1024x768", "--dpi", "300"], settings)


@pytest.mark.parametrize(("layers", "purple"), [([], False), (["--layer", "districts"], True)])
def test_the_command_line_draws_the_scene_with_its_layers(tmp_path: Path, settings: Settings, layers: list[str],
                                                         purple: bool) -> None:
    """The command line draws the app's scene, with the districts when asked."""
    target = tmp_path / "out.png"
    code, _, err = run(["--png", str(target), "--size", "1024x768", *layers], settings)
    assert code == 0, err
    pixels = np.asarray(Image.open(target).convert("RGB")).astype(int)
    district_lines = (np.abs(pixels - np.array([0x6A, 0x3D, 0x9A])) <= 40).all(axis=2).sum()
    assert (district_lines > 500) == purple
