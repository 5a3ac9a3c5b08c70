"""The dashboard as files: served at / and /static by mount_dashboard, every module it imports exists, and
nothing is fetched from another host."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from overtures.web import STATIC, mount_dashboard
from tests.server.conftest import LOCAL

IMPORT = re.compile(r"""^import .*? from "(\.{1,2}/[^"]+)";$""", re.MULTILINE)
REFERENCE = re.compile(r"""(?:src|href)="(/static/[^"]+)\"""")
SVG_NAMESPACE = "http://www.w3.org/2000/svg"
# what would turn a string into markup or code: the pages build DOM nodes and set textContent instead
MARKUP = re.compile(r"\.(innerHTML|outerHTML|insertAdjacentHTML)\b|document\.write|\beval\(|new Function\(")


@pytest.fixture(scope="module")
def client() -> TestClient:
    app = FastAPI()
    mount_dashboard(app)
    return TestClient(app)


def _modules() -> list[Path]:
    return sorted(STATIC.rglob("*.js"))


def test_the_dashboard_page_is_served_at_the_root(client: TestClient) -> None:
    response = client.get("/")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert '<script type="module" src="/static/js/app.js">' in response.text
    assert 'class="skip-link" href="#main"' in response.text


def test_every_asset_the_page_names_is_served(client: TestClient) -> None:
    names = REFERENCE.findall((STATIC / "index.html").read_text(encoding="utf-8"))
    assert {"/static/app.css", "/static/js/app.js", "/static/favicon.svg"} <= set(names)
    for name in names:
        assert client.get(name).status_code == 200, name


def test_every_module_import_resolves_to_a_served_file(client: TestClient) -> None:
    seen = 0
    for module in _modules():
        for target in IMPORT.findall(module.read_text(encoding="utf-8")):
            path = (module.parent / target).resolve()
            assert path.is_file(), f"{module.name} imports missing {target}"
            url = "/static/" + path.relative_to(STATIC).as_posix()
            response = client.get(url)
            assert response.status_code == 200 and "javascript" in response.headers["content-type"]
            seen += 1
    assert seen > 20


def test_no_asset_loads_anything_from_another_host() -> None:
    for asset in sorted(STATIC.rglob("*")):
        if asset.is_file():
            text = asset.read_text(encoding="utf-8").replace(SVG_NAMESPACE, "")
            assert not re.search(r"(https?:)?//[a-z0-9.-]+\.[a-z]{2,}/", text), asset.name


def test_no_module_writes_markup_that_could_carry_data() -> None:
    for module in _modules():
        assert not MARKUP.search(module.read_text(encoding="utf-8")), module.name


def test_the_map_backdrop_holds_the_cells_of_known_cities(client: TestClient) -> None:
    land = client.get("/dashboard/land.json").json()
    cells = {tuple(cell) for cell in land["cells"]}
    assert land["cell"] == 1
    assert (69, 34) in cells  # Kabul, 69.2E 34.5N
    assert (-1, 51) in cells  # London, 0.1W 51.5N
    assert (-30, -50) not in cells  # the South Atlantic
    assert 4_000 < len(cells) < 10_000


def test_the_dashboard_routes_stay_out_of_the_api_schema(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    assert not {"/", "/dashboard/land.json", "/dashboard/plotly.json", "/dashboard/plotly.min.js"} & set(
        paths
    )


def test_plotly_js_is_the_file_in_the_installed_plotly_package(client: TestClient) -> None:
    spec = importlib.util.find_spec("plotly")
    assert spec is not None and spec.submodule_search_locations
    shipped = Path(spec.submodule_search_locations[0]) / "package_data" / "plotly.min.js"
    facts = client.get("/dashboard/plotly.json").json()
    script = client.get(facts["script"])
    assert script.status_code == 200 and "javascript" in script.headers["content-type"]
    assert script.content == shipped.read_bytes()
    assert facts["version"] and f"plotly.js v{facts['version']}" in script.text[:300]
    assert not list(STATIC.rglob("plotly*.js")), "plotly.js is served from the package, never copied here"


def test_every_inline_style_plotly_would_add_is_named_so_the_page_can_forestall_it(
    client: TestClient,
) -> None:
    facts = client.get("/dashboard/plotly.json").json()
    script = client.get(facts["script"]).text
    assert facts["style_ids"]
    for style_id in facts["style_ids"]:
        assert f'getElementById("{style_id}")' in script
    assert (
        script.count('createElement("style")') == len(facts["style_ids"]) + 1
    )  # + its own, skipped by class


def test_the_api_app_serves_the_dashboard_beside_the_api(tmp_path: Path) -> None:
    from overtures.server import create_app

    with TestClient(create_app(f"sqlite:///{tmp_path / 'empty.db'}"), base_url=LOCAL) as app:
        assert "<title>overtures</title>" in app.get("/").text
        assert app.get("/static/js/app.js").status_code == 200
        assert app.get("/stats").json()["events"] == 0
