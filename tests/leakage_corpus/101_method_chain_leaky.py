# expect: TFL101
import numpy as np
from sklearn.preprocessing import QuantileTransformer
from sklearn.model_selection import train_test_split
from sklearn.ensemble import HistGradientBoostingRegressor

X = np.load("X.npy"); y = np.load("y.npy")
X = QuantileTransformer(output_distribution="normal").fit(X).transform(X)
a, b, c, d = train_test_split(X, y, test_size=0.1)
reg = HistGradientBoostingRegressor().fit(a, c)
print(reg.score(b, d))
