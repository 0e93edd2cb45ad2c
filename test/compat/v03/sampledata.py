"""A stand-in for ``bokeh.sampledata.sea_surface_temperature`` (Bokeh 3 moved its sample data to
the separate bokeh_sampledata package, which the test environment does not install): a
`DataFrame` of the same shape, a ``temperature`` column over a ``time`` index every 30 minutes,
noisy enough that a rolling mean visibly smooths it."""
import numpy
import pandas

_times = pandas.date_range('2016-02-15', periods=24 * 2 * 60, freq='30min', tz='UTC', name='time')
_days = numpy.arange(len(_times)) / 48
_noise = numpy.random.default_rng(3).normal(0, 1.5, len(_times))
sea_surface_temperature = pandas.DataFrame({'temperature': 12 + 6 * numpy.sin(_days / 60 * numpy.pi) + _noise},
                                           index=_times)
