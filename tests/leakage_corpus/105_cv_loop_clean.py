# expect: clean
import numpy as np
from sklearn.model_selection import KFold, train_test_split
from sklearn.linear_model import Ridge

X = np.load("X.npy"); y = np.load("y.npy")
X_train, X_test, y_train, y_test = train_test_split(X, y)
scores = {}
for alpha in [0.1, 1.0, 10.0]:
    fold_scores = []
    for tr, va in KFold(5).split(X_train):
        m = Ridge(alpha=alpha).fit(X_train[tr], y_train[tr])
        fold_scores.append(m.score(X_train[va], y_train[va]))
    scores[alpha] = np.mean(fold_scores)
best_alpha = max(scores, key=scores.get)
print(Ridge(alpha=best_alpha).fit(X_train, y_train).score(X_test, y_test))
