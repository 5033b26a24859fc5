# expect: TFL101
import numpy as np
from sklearn.decomposition import TruncatedSVD

X = np.load("tfidf.npy")
y = np.load("y.npy")
X = TruncatedSVD(n_components=100).fit_transform(X)
idx = np.random.permutation(len(X))
n_test = len(X) // 5
test_idx, train_idx = idx[:n_test], idx[n_test:]
X_train, X_test = X[train_idx], X[test_idx]
