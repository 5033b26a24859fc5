# expect: clean
import numpy as np
from sklearn.decomposition import PCA
from sklearn.model_selection import StratifiedKFold
from sklearn.svm import SVC
from sklearn.metrics import accuracy_score

X = np.load("X.npy")
y = np.load("y.npy")

scores = []
skf = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)
for fold, (train_idx, val_idx) in enumerate(skf.split(X, y)):
    pca = PCA(n_components=20).fit(X[train_idx])
    clf = SVC()
    clf.fit(pca.transform(X[train_idx]), y[train_idx])
    scores.append(accuracy_score(y[val_idx], clf.predict(pca.transform(X[val_idx]))))
print(np.mean(scores))
