"""Omixa: one SDK for the video-generation models behind the Omixa gateway.

Validate a request locally, estimate its cost in exact decimals, then create a job, wait for it and download
the videos::

    import omixa

    request = {"model": "veo-3.1-lite-generate-001", "prompt": "A lighthouse at dawn", "seconds": 8}
    omixa.validate(request)           # the normalized request, or ValidationError with every issue
    print(omixa.estimate(request))    # 0.40 USD (hold 0.40 USD)

    client = omixa.Client()           # OMIXA_API_KEY, OMIXA_BASE_URL
    job = client.videos.create(**request)
    job = client.videos.wait(job, on_progress=print)
    paths = client.videos.download(job, "videos")

    report = client.videos.batch([request, request], out="renders", budget="5.00")   # resumable, budgeted

Everything runs in the Rust core that the Rust crate, the CLI and the Node package share; this package only
converts between it and Python.
"""

from omixa._batch import (
    BatchJob,
    BatchPlan,
    BatchProblem,
    BatchProgress,
    BatchReport,
    BatchTotals,
    PlanAmounts,
)
from omixa._errors import (
    APIError,
    AuthenticationError,
    BatchError,
    BatchInputError,
    BatchOptionsError,
    BudgetRefusedError,
    CancelledError,
    ConfigurationError,
    ConnectionError,
    DownloadError,
    DroppedFieldWarning,
    FileError,
    InvalidResponseError,
    JobFailedError,
    JobNotReadyError,
    JournalError,
    JournalMismatchError,
    OmixaError,
    RateLimitError,
    TimeoutError,
    ValidationError,
)
from omixa._native import (
    AsyncClient,
    AsyncVideos,
    Catalog,
    Client,
    Estimate,
    FieldInfo,
    Image,
    Issue,
    Job,
    ModelInfo,
    VideoOutput,
    Videos,
    __version__,
    estimate,
    load_catalog,
    models,
    validate,
)

__all__ = [
    "APIError",
    "AsyncClient",
    "AsyncVideos",
    "AuthenticationError",
    "BatchError",
    "BatchInputError",
    "BatchJob",
    "BatchOptionsError",
    "BatchPlan",
    "BatchProblem",
    "BatchProgress",
    "BatchReport",
    "BatchTotals",
    "BudgetRefusedError",
    "CancelledError",
    "Catalog",
    "Client",
    "ConfigurationError",
    "ConnectionError",
    "DownloadError",
    "DroppedFieldWarning",
    "Estimate",
    "FieldInfo",
    "FileError",
    "Image",
    "InvalidResponseError",
    "Issue",
    "Job",
    "JobFailedError",
    "JobNotReadyError",
    "JournalError",
    "JournalMismatchError",
    "ModelInfo",
    "OmixaError",
    "PlanAmounts",
    "RateLimitError",
    "TimeoutError",
    "ValidationError",
    "VideoOutput",
    "Videos",
    "__version__",
    "estimate",
    "load_catalog",
    "models",
    "validate",
]
