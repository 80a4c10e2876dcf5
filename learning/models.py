"""Every model of the learning app, defined per part and gathered here for Django."""

from learning.agreement.models import *  # noqa: F403
from learning.qda.models import *  # noqa: F403
from learning.suggestions.models import *  # noqa: F403
from learning.topics.models import *  # noqa: F403
