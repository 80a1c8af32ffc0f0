// Creates, updates and destroys ApexCharts charts for ApexChart.razor. The options are shaped in C#; this module
// only adds what JSON cannot carry (value formatters) and what only the browser knows (the colour scheme).

const scriptPath = 'lib/apexcharts/apexcharts.min.js';
const formatKey = 'healthFormat';
let loading;

/** Loads the ApexCharts UMD file once per page (it defines window.ApexCharts). */
function loadApexCharts() {
    if (window.ApexCharts) {
        return Promise.resolve();
    }
    loading ??= new Promise((resolve, reject) => {
        const script = document.createElement('script');
        script.src = new URL(scriptPath, document.baseURI).href;
        script.onload = () => resolve();
        script.onerror = () => {
            loading = undefined;
            script.remove();
            reject(new Error(`Could not load ${script.src}`));
        };
        document.head.appendChild(script);
    });
    return loading;
}

const number = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });
const percent = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 1 });
const formatters = {
    number: v => number.format(v),
    percent: v => percent.format(v),
    hours: v => `${number.format(v)} h`,
};

function section(root, ...path) {
    let node = root;
    for (const key of path) {
        node = node[key] ??= {};
    }
    return node;
}

/** Adds the formatters and the current light or dark colours (from app.css) to the options from C#. */
function prepare(options) {
    const { [formatKey]: format, ...apex } = options;
    const write = formatters[format] ?? formatters.number;
    const formatter = v => (typeof v === 'number' && Number.isFinite(v) ? write(v) : '–');
    const heatmap = apex.chart?.type === 'heatmap';
    section(apex, 'tooltip', 'y').formatter = formatter;
    if (!heatmap) {
        section(apex, 'yaxis', 'labels').formatter = formatter;
    }

    const style = getComputedStyle(document.documentElement);
    const css = name => style.getPropertyValue(name).trim();
    const mode = matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
    section(apex, 'theme').mode = mode;
    section(apex, 'tooltip').theme = mode;
    section(apex, 'chart').foreColor = css('--text');
    section(apex, 'xaxis', 'labels', 'style').colors = css('--muted');
    section(apex, 'yaxis', 'labels', 'style').colors = css('--muted');
    section(apex, 'xaxis', 'axisBorder').color = css('--border');
    section(apex, 'xaxis', 'axisTicks').color = css('--border');
    section(apex, 'grid').borderColor = css('--border');
    const palette = [1, 2, 3, 4, 5, 6].map(i => css(`--chart-${i}`)).filter(Boolean);
    if (palette.length > 0) {
        apex.colors = heatmap ? [palette[0]] : palette;
    }
    if (heatmap) {
        section(apex, 'stroke').colors = [css('--surface')];
    }
    if (apex.chart?.type === 'line' || apex.chart?.type === 'area') {
        markIsolatedValues(apex, palette, css('--surface'));
    }
    return apex;
}

/**
 * A value with a gap on both sides is drawn by ApexCharts as a line of no length, which no one can see: it gets a
 * marker of its own series' colour instead (ApexCharts' discrete markers).
 */
function markIsolatedValues(apex, palette, surface) {
    const discrete = [];
    (apex.series ?? []).forEach((series, seriesIndex) => {
        const data = series.data ?? [];
        data.forEach((value, dataPointIndex) => {
            const alone = value !== null && (dataPointIndex === 0 || data[dataPointIndex - 1] === null)
                && (dataPointIndex === data.length - 1 || data[dataPointIndex + 1] === null);
            if (alone && data.length > 1) {
                const color = palette.length > 0 ? palette[seriesIndex % palette.length] : undefined;
                discrete.push({ seriesIndex, dataPointIndex, size: apex.chart?.sparkline?.enabled ? 2.5 : 4, fillColor: color, strokeColor: surface, shape: 'circle' });
            }
        });
    });
    // Always set, an empty list included: updateOptions merges into the chart's config, so markers left out would stay
    // where the previous data had a value standing alone.
    section(apex, 'markers').discrete = discrete;
}

/** A chart handle from create, or the element it was created in. */
const charts = new WeakMap();
const handleOf = target => (target instanceof Element ? charts.get(target) : target);

/** Draws a chart into element; returns the handle that update and destroy take. */
export async function create(element, options, hash) {
    await loadApexCharts();
    const handle = { chart: new window.ApexCharts(element, prepare(options)), destroyed: false, element };
    charts.set(element, handle);
    await handle.chart.render();
    markDrawn(handle, hash);
    return handle;
}

/** Tells the page (and tests) which options the drawing shows: the figure's data-drawn takes their hash. */
function markDrawn(handle, hash) {
    const figure = handle.element.closest('figure');
    if (figure && hash && !handle.destroyed) {
        figure.dataset.drawn = hash;
    }
}

/** Redraws a chart with new options; ignored once the chart is destroyed. */
export async function update(target, options, hash) {
    const handle = handleOf(target);
    if (!handle || handle.destroyed) {
        return;
    }
    await handle.chart.updateOptions(prepare(options), true, false);
    markDrawn(handle, hash);
}

/** Destroys a chart (by handle or element); destroying twice does nothing. */
export function destroy(target) {
    const handle = handleOf(target);
    if (!handle || handle.destroyed) {
        return;
    }
    handle.destroyed = true;
    handle.chart.destroy();
    const figure = handle.element?.closest('figure');
    if (figure) {
        delete figure.dataset.drawn;
    }
}
